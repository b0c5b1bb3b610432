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
 * The address of a rule's doc page in the package repository: `docs/rules/<name>.md` for the
 * community-policing pack, `docs/rules/<pack>/<name>.md` for the other packs.
 *
 * @example
 * ruleDocUrl('community-policing/coverage') //=> 'https://github.com/duty-compliance/duty-compliance/blob/main/docs/rules/coverage.md'
 * ruleDocUrl('working-time/daily-rest') //=> 'https://github.com/duty-compliance/duty-compliance/blob/main/docs/rules/working-time/daily-rest.md'
 */
export function ruleDocUrl(ruleId: string): string {
  const pack = ruleId.slice(0, Math.max(0, ruleId.indexOf('/')));
  const folder = pack === '' || pack === 'community-policing' ? '' : `${encodeURIComponent(pack)}/`;
  return `${PROJECT_URL}/blob/main/docs/rules/${folder}${encodeURIComponent(ruleName(ruleId))}.md`;
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
