import type { BaselineEntry, BaselineOutcome, Evidence, ExpiredWaiver, Report, SeverityCounts, Suppression, Violation, WaiverEntry, WaiverOutcome } from '../report/types.js';
import { ruleTitle } from './_lib/rule-docs.js';
import { chunkedFormatter, type FormatContext, type Formatter } from './formatter.js';
import { chunkedLines } from './_lib/chunked-lines.js';
import { rosterPlace, type RosterFileEvidence } from './_lib/locations.js';
import { inert } from './_lib/inert-text.js';

const ANSI = { red: '\u001b[31m', yellow: '\u001b[33m', green: '\u001b[32m', dim: '\u001b[2m', bold: '\u001b[1m', underline: '\u001b[4m', reset: '\u001b[0m' };

const WORDS = {
  'zh-CN': {
    error: '错误',
    warning: '警告',
    waived: '已豁免',
    new: '新增',
    noViolations: '未发现违规',
    problems: '项违规',
    errors: '错误',
    warnings: '警告',
    error1: '错误',
    warning1: '警告',
    suppressed: (n: number) => `，另有 ${n} 项已豁免`,
    period: '检查期',
    checked: (c: Report['checked']) => `检查民警 ${c.officers} 名、社区 ${c.communities} 个、勤务记录 ${c.rosterEntries} 条、调动申请 ${c.transfers} 件`,
    suppression: (s: Suppression) => `豁免依据：${s.justification}${s.waiver ? `（有效期至 ${s.waiver.expires}，${waiverPlace(s.waiver)}）` : ''}`,
    waivers: (o: WaiverOutcome) => `豁免：已过期 ${o.expired.length} 条，未使用 ${o.unused.length} 条`,
    expired: (w: ExpiredWaiver) => `已过期  ${w.expires} 止  ${waiverPlace(w)}  ${waiverTarget(w)}  负责人 ${w.owner}；其 ${w.violations.length} 项违规重新计入`,
    unused: (w: WaiverEntry) => `未使用  ${waiverPlace(w)}  ${waiverTarget(w)}  负责人 ${w.owner}（不匹配任何违规）`,
    counts: (c: SeverityCounts) => `${c.errors + c.warnings} 项（错误 ${c.errors}、警告 ${c.warnings}）`,
    baseline: (b: BaselineOutcome, counts: (c: SeverityCounts) => string) =>
      `基线：新增 ${counts(b.new)}，未变 ${counts(b.unchanged)}，已修复 ${b.fixed.length} 项`,
    fixed: (e: BaselineEntry) => `已修复  ${baselineTarget(e)}  ${e.fingerprint}`,
  },
  en: {
    error: 'error',
    warning: 'warning',
    waived: 'waived',
    new: 'new',
    noViolations: 'no violations',
    problems: 'violations',
    errors: 'errors',
    warnings: 'warnings',
    error1: 'error',
    warning1: 'warning',
    suppressed: (n: number) => `; ${n} waived`,
    period: 'period',
    checked: (c: Report['checked']) => `checked ${c.officers} officers, ${c.communities} communities, ${c.rosterEntries} roster entries, ${c.transfers} transfers`,
    suppression: (s: Suppression) => `accepted: ${s.justification}${s.waiver ? ` (until ${s.waiver.expires}, ${waiverPlace(s.waiver)})` : ''}`,
    waivers: (o: WaiverOutcome) => `waivers: ${o.expired.length} expired, ${o.unused.length} unused`,
    expired: (w: ExpiredWaiver) =>
      `expired  ${w.expires}  ${waiverPlace(w)}  ${waiverTarget(w)}  owner ${w.owner}; its ${plural(w.violations.length, 'violation')} count${w.violations.length === 1 ? 's' : ''} again`,
    unused: (w: WaiverEntry) => `unused   ${waiverPlace(w)}  ${waiverTarget(w)}  owner ${w.owner} (matches no violation)`,
    counts: (c: SeverityCounts) => `${c.errors + c.warnings} (${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')})`,
    baseline: (b: BaselineOutcome, counts: (c: SeverityCounts) => string) =>
      `baseline: new ${counts(b.new)}, unchanged ${counts(b.unchanged)}, fixed ${b.fixed.length}`,
    fixed: (e: BaselineEntry) => `fixed  ${baselineTarget(e)}  ${e.fingerprint}`,
  },
} as const;

/**
 * The report for a terminal: grouped by rule, then subject; one line per violation with its
 * period, severity, message and where its first evidence is. Then, when the report has them,
 * what its waivers and its baseline comparison found, and last the summary. Words in the
 * report's language; colour only when `context.color`; the same report gives the same text.
 *
 * - A waived violation says `已豁免`/`waived` instead of its severity, and on the line below
 *   its justification, until when its waiver holds and where the waiver is.
 * - Compared with a baseline, a violation the baseline does not list says `新增`/`new` after
 *   its severity; the unchanged ones say nothing more (they are the many).
 * - The waivers section lists expired waivers (whose violations count again) and unused ones;
 *   the baseline section counts new and unchanged violations (waived ones left out, as the exit
 *   code does) and lists every fixed baseline entry with its fingerprint.
 */
export const textFormatter: Formatter = chunkedFormatter('text', (report, context) => chunkedLines(textLines(report, context)));

/** The text report line by line. */
function* textLines(report: Report, context: FormatContext): Generator<string> {
  const w = WORDS[context.language];
  const paint = (code: keyof typeof ANSI, text: string) => (context.color ? `${ANSI[code]}${text}${ANSI.reset}` : text);
  const byRule = groupBy(report.violations, (v) => v.ruleId);
  for (const [ruleId, violations] of byRule) {
    const title = ruleTitle(report, ruleId, context.language);
    yield `${paint('underline', ruleId)}${title ? `  ${title}` : ''}`;
    for (const [subjectKey, ofSubject] of groupBy(violations, (v) => `${v.subject.type} ${v.subject.id}`)) {
      yield `  ${paint('bold', inert(subjectKey))}`;
      for (const v of ofSubject) {
        const where = firstLocation(v.evidence);
        yield `    ${periodText(v)}  ${severityText(v, w, paint)}  ${inert(v.message)}${where ? `  ${paint('dim', inert(where))}` : ''}`;
        if (v.suppression) yield `    ${''.padEnd(PERIOD_WIDTH)}  ${paint('dim', inert(w.suppression(v.suppression)))}`;
      }
    }
    yield '';
  }
  if (report.waivers) yield* [...waiverLines(report.waivers, w, paint), ''];
  if (report.baseline) yield* [...baselineLines(report.baseline, w, paint), ''];
  const { errors, warnings, suppressed } = report.summary;
  const total = errors + warnings;
  const waived = suppressed ? w.suppressed(suppressed) : '';
  yield `${w.period} ${report.period.start} – ${report.period.end}; ${w.checked(report.checked)}`;
  if (total === 0) yield paint('bold', `✔ ${w.noViolations}${waived}`);
  else {
    const summary = `✖ ${total} ${w.problems} (${errors} ${errors === 1 ? w.error1 : w.errors}, ${warnings} ${warnings === 1 ? w.warning1 : w.warnings})${waived}`;
    yield paint(errors > 0 ? 'red' : 'yellow', paint('bold', summary));
  }
}

type Words = (typeof WORDS)[keyof typeof WORDS];
type Paint = (code: keyof typeof ANSI, text: string) => string;

/** `YYYY-MM-DD..YYYY-MM-DD`: one-date and dateless periods pad to it so messages line up. */
const PERIOD_WIDTH = 22;

/** `错误`, `警告`, `已豁免` (a waiver covers it), with `新增` when a baseline does not list it. */
function severityText(v: Violation, w: Words, paint: Paint): string {
  if (v.suppression) return paint('dim', w.waived);
  const severity = v.severity === 'error' ? paint('red', w.error) : paint('yellow', w.warning);
  return v.baselineState === 'new' ? `${severity} ${paint('bold', `[${w.new}]`)}` : severity;
}

function waiverLines(outcome: WaiverOutcome, w: Words, paint: Paint): string[] {
  const lines = [paint('bold', w.waivers(outcome))];
  for (const e of outcome.expired) lines.push(`  ${paint('yellow', inert(w.expired(e)))}`);
  for (const u of outcome.unused) lines.push(`  ${paint('dim', inert(w.unused(u)))}`);
  return lines;
}

function baselineLines(outcome: BaselineOutcome, w: Words, paint: Paint): string[] {
  const lines = [paint('bold', w.baseline(outcome, w.counts))];
  for (const e of outcome.fixed) lines.push(`  ${paint('green', inert(w.fixed(e)))}`);
  return lines;
}

/** Where a waiver is written: `file:line`, else its position in the list. */
function waiverPlace(w: { file?: string; line?: number; index: number }): string {
  if (w.file === undefined) return `waivers[${w.index}]`;
  return `${w.file}${w.line !== undefined ? `:${w.line}` : ''}`;
}

/** What a waiver names: its fingerprint, or rule, subject and period start. */
function waiverTarget(w: WaiverEntry): string {
  const parts = [w.ruleId, w.subject ? `${w.subject.type} ${w.subject.id}` : undefined, w.period?.start, w.fingerprint];
  return parts.filter((p) => p !== undefined).join(' ');
}

function baselineTarget(e: BaselineEntry): string {
  return `${e.ruleId}  ${e.subject.type} ${e.subject.id}${e.period ? `  ${e.period.start === e.period.end ? e.period.start : `${e.period.start}..${e.period.end}`}` : ''}`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function periodText(v: Violation): string {
  if (!v.period) return ''.padEnd(PERIOD_WIDTH);
  return v.period.start === v.period.end ? v.period.start.padEnd(PERIOD_WIDTH) : `${v.period.start}..${v.period.end}`;
}

function firstLocation(evidence: readonly Evidence[]): string | undefined {
  for (const e of evidence) {
    if (e.source === 'roster' && e.file !== undefined) return rosterPlace(e as RosterFileEvidence);
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
