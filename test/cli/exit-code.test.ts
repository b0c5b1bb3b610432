import { describe, expect, it } from 'vitest';
import { EXIT, exitCodeFor, type ExitPolicy } from '../../src/cli/exit-code.js';
import type { Report, Severity, Violation } from '../../src/report/types.js';

/** A report holding violations of the given severities; `~` marks a waived one. */
function report(...severities: (Severity | `~${Severity}`)[]): Report {
  const violations = severities.map((s, i): Violation => {
    const severity = s.replace('~', '') as Severity;
    return {
      ruleId: 'community-policing/coverage',
      severity,
      subject: { type: 'community', id: `C${i}` },
      message: 'm',
      messageId: 'm',
      details: {},
      evidence: [],
      fingerprint: String(i),
      ...(s.startsWith('~') ? { suppression: { justification: 'waived' } } : {}),
    };
  });
  const errors = violations.filter((v) => v.severity === 'error').length;
  return {
    tool: { name: 'duty-compliance', version: '0' },
    language: 'zh-CN',
    timezone: 'Asia/Shanghai',
    rules: [],
    period: { start: '2017-04-03', end: '2017-04-09' },
    checked: { units: 0, communities: 0, officers: 0, rosterEntries: 0, transfers: 0 },
    violations,
    summary: { errors, warnings: violations.length - errors, byRule: {} },
  };
}

describe('exitCodeFor', () => {
  const cases: [name: string, report: Report, policy: ExitPolicy, code: number][] = [
    ['clean', report(), {}, EXIT.ok],
    ['an error fails by default', report('error'), {}, EXIT.violations],
    ['warnings pass by default', report('warning', 'warning'), {}, EXIT.ok],
    ['--fail-on error is the default', report('warning'), { failOn: 'error' }, EXIT.ok],
    ['--fail-on warning: a warning fails', report('warning'), { failOn: 'warning' }, EXIT.violations],
    ['--fail-on warning: an error fails', report('error'), { failOn: 'warning' }, EXIT.violations],
    ['--fail-on never: errors pass', report('error', 'warning'), { failOn: 'never' }, EXIT.ok],
    ['--max-warnings: at the limit passes', report('warning', 'warning'), { maxWarnings: 2 }, EXIT.ok],
    ['--max-warnings: over the limit fails', report('warning', 'warning'), { maxWarnings: 1 }, EXIT.violations],
    ['--max-warnings 0 with no warnings passes', report(), { maxWarnings: 0 }, EXIT.ok],
    ['--max-warnings still applies under --fail-on never', report('warning', 'warning'), { failOn: 'never', maxWarnings: 1 }, EXIT.violations],
    ['--max-warnings does not excuse an error', report('error'), { maxWarnings: 10 }, EXIT.violations],
    ['a waived error passes', report('~error'), {}, EXIT.ok],
    ['a waived warning does not count toward --fail-on warning', report('~warning'), { failOn: 'warning' }, EXIT.ok],
    ['waived warnings do not count toward --max-warnings', report('~warning', '~warning', 'warning'), { maxWarnings: 1 }, EXIT.ok],
  ];
  for (const [name, r, policy, code] of cases) {
    it(name, () => {
      expect(exitCodeFor(r, policy)).toBe(code);
    });
  }
});
