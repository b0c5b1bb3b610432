import type { Language, Report } from '../../report/types.js';

/**
 * The package repository's home page. A placeholder until the package is published: the one
 * place to change when it moves (SARIF `informationUri` and every rule's `helpUri` derive from it).
 */
export const PROJECT_URL = 'https://github.com/duty-compliance/duty-compliance';

/** A rule's name: its id without the pack (`community-policing/coverage` → `coverage`). */
export function ruleName(ruleId: string): string {
  return ruleId.slice(ruleId.indexOf('/') + 1);
}

/**
 * The address of a rule's doc page, `docs/rules/<name>.md` in the package repository.
 *
 * @example
 * ruleDocUrl('community-policing/coverage') //=> 'https://github.com/duty-compliance/duty-compliance/blob/main/docs/rules/coverage.md'
 */
export function ruleDocUrl(ruleId: string): string {
  return `${PROJECT_URL}/blob/main/docs/rules/${encodeURIComponent(ruleName(ruleId))}.md`;
}

/**
 * A rule's title in `language`, as the report's `rules` describe it, or `undefined` for a rule
 * the report does not describe (a report of an older version may lack them).
 *
 * @example
 * ruleTitle(report, 'community-policing/coverage', 'zh-CN') //=> '一居一警、一村一警'
 */
export function ruleTitle(report: Pick<Report, 'rules'>, ruleId: string, language: Language): string | undefined {
  return report.rules.find((r) => r.id === ruleId)?.title[language];
}
