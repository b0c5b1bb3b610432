import type { Evidence, Report, Violation } from '../report/types.js';
import type { FormatContext, Formatter } from './formatter.js';

const ANSI = { red: '\u001b[31m', yellow: '\u001b[33m', dim: '\u001b[2m', bold: '\u001b[1m', underline: '\u001b[4m', reset: '\u001b[0m' };

const WORDS = {
  'zh-CN': {
    error: '错误',
    warning: '警告',
    noViolations: '未发现违规',
    problems: '项违规',
    errors: '错误',
    warnings: '警告',
    period: '检查期',
    checked: (c: Report['checked']) => `检查民警 ${c.officers} 名、社区 ${c.communities} 个、勤务记录 ${c.rosterEntries} 条、调动申请 ${c.transfers} 件`,
  },
  en: {
    error: 'error',
    warning: 'warning',
    noViolations: 'no violations',
    problems: 'violations',
    errors: 'errors',
    warnings: 'warnings',
    period: 'period',
    checked: (c: Report['checked']) => `checked ${c.officers} officers, ${c.communities} communities, ${c.rosterEntries} roster entries, ${c.transfers} transfers`,
  },
} as const;

/**
 * The report for a terminal: grouped by rule, then subject; one line per violation with its
 * period, message and where its first evidence is. Colour only when `context.color`.
 */
export const textFormatter: Formatter = {
  name: 'text',
  format(report: Report, context: FormatContext): string {
    const w = WORDS[context.language];
    const paint = (code: keyof typeof ANSI, text: string) => (context.color ? `${ANSI[code]}${text}${ANSI.reset}` : text);
    const lines: string[] = [];
    const byRule = groupBy(report.violations, (v) => v.ruleId);
    for (const [ruleId, violations] of byRule) {
      const title = context.registry.rules.get(ruleId)?.definition.title[context.language];
      lines.push(`${paint('underline', ruleId)}${title ? `  ${title}` : ''}`);
      for (const [subjectKey, ofSubject] of groupBy(violations, (v) => `${v.subject.type} ${v.subject.id}`)) {
        lines.push(`  ${paint('bold', subjectKey)}`);
        for (const v of ofSubject) {
          const severity = v.severity === 'error' ? paint('red', w.error) : paint('yellow', w.warning);
          const where = firstLocation(v.evidence);
          lines.push(`    ${periodText(v)}  ${severity}  ${v.message}${where ? `  ${paint('dim', where)}` : ''}`);
        }
      }
      lines.push('');
    }
    const { errors, warnings } = report.summary;
    const total = errors + warnings;
    lines.push(`${w.period} ${report.period.start} – ${report.period.end}; ${w.checked(report.checked)}`);
    if (total === 0) lines.push(paint('bold', `✔ ${w.noViolations}`));
    else {
      const summary = `✖ ${total} ${w.problems} (${errors} ${w.errors}, ${warnings} ${w.warnings})`;
      lines.push(paint(errors > 0 ? 'red' : 'yellow', paint('bold', summary)));
    }
    return `${lines.join('\n')}\n`;
  },
};

function periodText(v: Violation): string {
  if (!v.period) return ''.padEnd(23);
  return v.period.start === v.period.end ? v.period.start.padEnd(23) : `${v.period.start}..${v.period.end}`;
}

function firstLocation(evidence: readonly Evidence[]): string | undefined {
  for (const e of evidence) {
    if (e.source === 'roster' && e.file !== undefined) return `${e.file}:${e.line ?? ''}`;
  }
  for (const e of evidence) if ('path' in e) return e.path;
  return undefined;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    let list = groups.get(k);
    if (!list) groups.set(k, (list = []));
    list.push(item);
  }
  return groups;
}
