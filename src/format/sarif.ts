import { pathToFileURL } from 'node:url';
import type { Location, Log, ReportingDescriptor, Result, Run, Suppression } from 'sarif';
import type { Report, ReportRule, Violation } from '../report/types.js';
import { chunkedFormatter, type FormatContext, type Formatter } from './formatter.js';
import { JsonArrayOf, jsonChunks } from './_lib/json-chunks.js';
import { firstJsonPath, pathFromCwd, rosterCell, rosterFileEvidence, type RosterFileEvidence } from './_lib/locations.js';
import { PROJECT_URL, ruleDocUrl, ruleName } from './_lib/rule-docs.js';

/** The schema SARIF 2.1.0 logs name (the OASIS errata 01 schema, the one they are validated against). */
export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** The base that every artifact URI is relative to: the directory the check ran in. */
const SRCROOT = '%SRCROOT%';

/**
 * The report as a SARIF 2.1.0 log (GitHub code scanning, VS Code's SARIF viewer, …): one run,
 * one result per violation, in report order.
 *
 * - `tool.driver.rules` lists every rule that ran (the report's `rules`, sorted by id), with its
 *   title, description and source passage, and the severity it ran at as `defaultConfiguration`;
 *   a violation of a rule the report does not describe has no `ruleIndex`.
 * - A violation with roster rows from a file is located at the first such row (file relative to
 *   `cwd`, base `%SRCROOT%`, line of the row); the other rows are `relatedLocations`. Otherwise it
 *   is located in the dataset file (when known) with a logical location: the JSON path of its
 *   first evidence (`officers[3].assignments[0]`).
 * - `partialFingerprints.primaryLocationLineHash` is the violation's identity fingerprint, so a
 *   finding keeps its identity across edits that move its line.
 * - A suppressed violation (a waiver) gets an `external` suppression with its justification.
 * - Compared with a baseline (`--baseline`), each result has the violation's `baselineState`:
 *   `new` (the baseline does not list its fingerprint) or `unchanged` (it does). Never
 *   `updated`: a baseline records identities only, so a changed message cannot be told apart.
 *   Fixed baseline entries are *not* results with `baselineState: "absent"`: an entry has no
 *   message and no location to give, and GitHub code scanning ignores `baselineState` and would
 *   open an alert for every fixed violation. They are listed in the run's
 *   `properties.baseline.fixed` instead, beside the `new` and `unchanged` counts.
 * - Output is deterministic: no timestamps, no absolute paths (`%SRCROOT%` is described, not resolved).
 * - Written a batch of results at a time, each made only when it is written.
 */
export const sarifFormatter: Formatter = chunkedFormatter('sarif', function* (report, context) {
  const rules = [...report.rules].sort((a, b) => compareText(a.id, b.id));
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const log: StreamedLog = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: PROJECT_URL,
            rules: rules.map((rule) => ruleDescriptor(rule, context)),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { description: { text: 'The working directory the check ran in.' } } },
        language: context.language,
        results: new JsonArrayOf(mapped(report.violations, (v) => sarifResult(v, ruleIndex.get(v.ruleId), report, context))),
        properties: {
          period: report.period,
          checked: report.checked,
          summary: report.summary,
          ...(report.baseline ? { baseline: report.baseline } : {}),
        },
      },
    ],
  };
  yield* jsonChunks(log);
  yield '\n';
});

/** A SARIF log whose results are made as they are written. */
type StreamedLog = Omit<Log, 'runs'> & { runs: (Omit<Run, 'results'> & { results: JsonArrayOf<Result> })[] };

function* mapped<T, U>(items: readonly T[], map: (item: T) => U): Generator<U> {
  for (const item of items) yield map(item);
}

/** A rule's metadata in the report's language, with its source passage as help. */
function ruleDescriptor(definition: ReportRule, context: FormatContext): ReportingDescriptor {
  const language = context.language;
  const helpUri = ruleDocUrl(definition.id);
  // A pack's own rule may cite no source passage.
  const quoted = definition.source ? `\n\n${definition.source.passage}\n${definition.source.gloss}` : '';
  const quotedMarkdown = definition.source ? `\n\n> ${definition.source.passage}\n>\n> ${definition.source.gloss}` : '';
  return {
    id: definition.id,
    name: pascalCase(ruleName(definition.id)),
    shortDescription: { text: definition.title[language] },
    fullDescription: { text: definition.description[language] },
    help: {
      text: `${definition.description[language]}${quoted}\n\n${helpUri}`,
      markdown: `**${definition.title[language]}**\n\n${definition.description[language]}${quotedMarkdown}\n\n[${definition.id}](${helpUri})`,
    },
    helpUri,
    defaultConfiguration: { level: definition.severity },
    properties: { tags: [definition.id.slice(0, definition.id.indexOf('/'))], subjectType: definition.subjectType },
  };
}

function sarifResult(v: Violation, ruleIndex: number | undefined, report: Report, context: FormatContext): Result {
  const rows = rosterFileEvidence(v);
  const [first, ...others] = rows;
  const result: Result = {
    ruleId: v.ruleId,
    ...(ruleIndex !== undefined ? { ruleIndex } : {}),
    level: v.severity,
    message: { text: v.message },
    locations: first ? [rowLocation(first, context)] : datasetLocations(v, report, context),
    ...(others.length > 0 ? { relatedLocations: others.map((row, i) => ({ id: i + 1, ...rowLocation(row, context) })) } : {}),
    fingerprints: { 'dutyComplianceIdentity/v1': v.fingerprint },
    partialFingerprints: { primaryLocationLineHash: `${v.fingerprint}:1` },
    ...(v.baselineState ? { baselineState: v.baselineState } : {}),
    properties: {
      subject: v.subject,
      ...(v.period ? { period: v.period } : {}),
      ...(v.expected !== undefined ? { expected: v.expected } : {}),
      ...(v.actual !== undefined ? { actual: v.actual } : {}),
      messageId: v.messageId,
      ...(Object.keys(v.details).length > 0 ? { details: v.details } : {}),
    },
  };
  if (v.suppression) {
    const suppression: Suppression = { kind: 'external', status: v.suppression.status ?? 'accepted', justification: v.suppression.justification };
    result.suppressions = [suppression];
  }
  return result;
}

/**
 * A roster row in its file; an entry from a worksheet or a roster grid also names its sheet and
 * cell as a logical location (`四月!D7`), since a line is all a physical region can say.
 */
function rowLocation(row: RosterFileEvidence, context: FormatContext): Location {
  const cell = rosterCell(row);
  return {
    physicalLocation: {
      artifactLocation: artifactLocation(row.file, context.cwd),
      ...(row.line !== undefined ? { region: { startLine: row.line } } : {}),
    },
    ...(cell !== undefined ? { logicalLocations: [{ name: row.cell ?? row.sheet, fullyQualifiedName: cell, kind: row.cell !== undefined ? 'cell' : 'sheet' }] } : {}),
  };
}

/** A finding with no roster-file row: the dataset file (when known) and the JSON path inside it. */
function datasetLocations(v: Violation, report: Report, context: FormatContext): Location[] {
  const dataset = report.source?.dataset;
  const path = firstJsonPath(v);
  const location: Location = {
    ...(dataset !== undefined ? { physicalLocation: { artifactLocation: artifactLocation(dataset, context.cwd) } } : {}),
    logicalLocations: [path !== undefined ? { fullyQualifiedName: path, kind: 'object' } : { name: v.subject.id, kind: 'object' }],
  };
  return [location];
}

/**
 * A file as SARIF wants it: a relative URI reference against `%SRCROOT%` (each path segment
 * percent-encoded, so spaces, `#`, `%`, `:` and non-ASCII names survive), or a `file:` URI when
 * the file has no path relative to the working directory.
 */
function artifactLocation(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const path = pathFromCwd(file, cwd);
  if (path.startsWith('/') || /^[A-Za-z]:\//.test(path)) return { uri: pathToFileURL(path).href };
  return { uri: path.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

/** `no-daytime-station-duty` → `NoDaytimeStationDuty` (SARIF's readable rule name). */
function pascalCase(kebab: string): string {
  return kebab
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
