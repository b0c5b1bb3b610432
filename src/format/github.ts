import { randomBytes } from 'node:crypto';
import type { Report, Violation } from '../report/types.js';
import { ruleTitle } from './_lib/rule-docs.js';
import type { FormatContext, Formatter } from './formatter.js';
import { pathFromCwd, rosterCell, rosterFileEvidence } from './_lib/locations.js';
import { textFormatter } from './text.js';

/**
 * For GitHub Actions: one workflow command per violation (`::error file=…,line=…,title=…::message`,
 * `::warning …` for warnings), which GitHub shows as annotations on the run and on the changed
 * files, then the whole text report (no colour) for the log.
 *
 * An annotation points at the first roster row from a file (file relative to `cwd`, and its
 * line; a worksheet's sheet and cell, `四月!D7`, in its title), else at the dataset file (no line), else at nothing. Suppressed violations (waivers)
 * get no annotation; the text report still lists them. GitHub shows only the first few
 * annotations of each kind per step; the log has them all.
 *
 * Nothing of the input can become a workflow command: the annotations' properties and messages
 * are escaped as the runner unescapes them (one line each), and the text report is wrapped in
 * `::stop-commands::TOKEN` … `::TOKEN::` with a random token (docs/ci.md).
 */
export const githubFormatter: Formatter = {
  name: 'github',
  format(report, context) {
    const commands = report.violations.filter((v) => !v.suppression).map((v) => `${workflowCommand(v, report, context)}\n`);
    const text = textFormatter.format(report, { ...context, color: false });
    // The text report prints names and notes from the input as they are: a line of it starting
    // with `::` would be a workflow command. The runner ignores commands until the random token.
    // Only `::TOKEN::` in the text would end the pause early: a token is never one the text holds so.
    let token = context.stopCommandsToken ?? randomToken();
    while (text.includes(`::${token}::`)) token = randomToken();
    return `${commands.join('')}::stop-commands::${token}\n${text}${text.endsWith('\n') ? '' : '\n'}::${token}::\n`;
  },
  // Whole: the token is chosen once the whole text is known (a GitHub log is not hundreds of MB).
  chunks(report, context) {
    return [this.format(report, context)];
  },
};

function randomToken(): string {
  return `duty-compliance-${randomBytes(16).toString('hex')}`;
}

/** `::error file=…,line=…,title=…::message` for one violation. */
function workflowCommand(v: Violation, report: Report, context: FormatContext): string {
  const properties: [string, string][] = [];
  const row = rosterFileEvidence(v)[0];
  const file = row?.file ?? report.source?.dataset;
  if (file !== undefined) properties.push(['file', pathFromCwd(file, context.cwd)]);
  if (row?.line !== undefined) properties.push(['line', String(row.line)]);
  const title = ruleTitle(report, v.ruleId, context.language);
  // GitHub shows no cell of a workbook: the title names it (`… (四月!D7)`).
  const cell = row ? rosterCell(row) : undefined;
  properties.push(['title', `${title !== undefined ? `${v.ruleId}: ${title}` : v.ruleId}${cell !== undefined ? ` (${cell})` : ''}`]);
  const list = properties.map(([name, value]) => `${name}=${escapeProperty(value)}`).join(',');
  return `::${v.severity === 'error' ? 'error' : 'warning'} ${list}::${escapeData(v.message)}`;
}

/**
 * A workflow command's message, escaped as the Actions runner unescapes it: `%`, CR and LF
 * as `%25`, `%0D`, `%0A`.
 *
 * @example
 * escapeData('100%\nsure') //=> '100%25%0Asure'
 */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/**
 * A workflow command's property value: as {@link escapeData}, and `:` and `,` too (they end a
 * value), as `%3A` and `%2C`.
 *
 * @example
 * escapeProperty('a,b: c') //=> 'a%2Cb%3A c'
 */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
