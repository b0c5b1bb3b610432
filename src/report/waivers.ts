import { parseTree, type Node as JsonNode } from 'jsonc-parser';
import { isAlias, isNode, isSeq, LineCounter, parseDocument, visit, type Document, type Node as YamlNode } from 'yaml';
import { DutyComplianceError, type Problem } from '../errors.js';
import { createJsonLocator, MAX_JSON_DEPTH, parseJsonOrThrow, parseJsonPath } from '../io/_lib/json-location.js';
import { readTextFileOrThrow, withoutBom } from '../io/_lib/read-text.js';
import { problemsFromZod } from '../model/_lib/zod-problems.js';
import { WaiversFileSchema, type WaiverInput } from '../model/waiver-schema.js';
import { isCalendarDate, type CalendarDate } from '../time/calendar-date.js';
import { isTimeZone, localDateOf } from '../time/wall-time.js';
import { annotate, countBaselineStates, summarize } from './_lib/report-counts.js';
import type { ExpiredWaiver, Report, Suppression, Violation, WaiverEntry, WaiverOutcome, WaiverReference } from './types.js';

/** The time zone "today" is taken in when the dataset names none (README, "The input"). */
export const DEFAULT_WAIVER_TIMEZONE = 'Asia/Shanghai';

/** A waivers file as read: its waivers in file order, and what is needed to rewrite it. */
export interface WaiversDocument {
  file?: string;
  format: 'json' | 'yaml';
  text: string;
  waivers: WaiverEntry[];
}

/** When "today" is, for expiry. */
export interface WaiverClock {
  /**
   * A calendar date `YYYY-MM-DD` taken as is, or an instant (Date or epoch ms) whose date in
   * `timezone` is taken. Default: now.
   */
  today?: CalendarDate | Date | number;
  /** The dataset's IANA time zone; default Asia/Shanghai. */
  timezone?: string;
}

/** YAML is parsed with the failsafe schema: every scalar is a string, so `no`, `1e5` or `0123` stay as written. */
const YAML_OPTIONS = { schema: 'failsafe', prettyErrors: false, uniqueKeys: true, strict: true, version: '1.2' } as const;

/**
 * Reads a waivers file, JSON (`.json`) or YAML (`.yaml`, `.yml`; other names: JSON when the
 * text starts with `{`). Every problem is located (file, line, column, path) and thrown
 * together as one `CONFIG_INVALID` error.
 *
 * @example
 * const waivers = await readWaiversFile('compliance/waivers.yaml')
 */
export async function readWaiversFile(file: string): Promise<WaiversDocument> {
  return parseWaivers(await readTextFileOrThrow(file, 'CONFIG_INVALID'), file);
}

/**
 * Parses a waivers text (see {@link readWaiversFile}). `__proto__` keys are plain keys (and,
 * being unknown, errors); YAML tags, custom or not, are errors.
 *
 * @example
 * parseWaivers('waivers:\n  - fingerprint: "9f2c1e4a7b3d5e60"\n    reason: r\n    owner: o\n    expires: 2026-12-31\n', 'w.yaml').waivers[0].line //=> 2
 */
export function parseWaivers(text: string, file?: string, format: 'json' | 'yaml' = waiversFormat(text, file)): WaiversDocument {
  const body = withoutBom(text);
  const parsed = format === 'json' ? parseJsonText(body, file) : parseYamlText(body, file);
  const result = WaiversFileSchema.safeParse(parsed.value);
  if (!result.success) {
    const problems = problemsFromZod(result.error, parsed.value, [], file === undefined ? {} : { file });
    // An empty document has no node to point at: its problem is on line 1.
    for (const p of problems) Object.assign(p, (p.path === undefined ? undefined : parsed.locate(parseJsonPath(p.path))) ?? { line: 1, column: 1 });
    throw new DutyComplianceError('CONFIG_INVALID', problems);
  }
  const waivers = result.data.waivers.map((w, index) => waiverEntry(w, index, file, parsed.locate(['waivers', index])?.line));
  return { ...(file !== undefined ? { file } : {}), format, text: body, waivers };
}

function waiversFormat(text: string, file: string | undefined): 'json' | 'yaml' {
  if (file !== undefined && /\.json$/i.test(file)) return 'json';
  if (file !== undefined && /\.ya?ml$/i.test(file)) return 'yaml';
  return withoutBom(text).trimStart().startsWith('{') ? 'json' : 'yaml';
}

type Locate = (segments: readonly (string | number)[]) => { line: number; column: number } | undefined;

function parseJsonText(text: string, file: string | undefined): { value: unknown; locate: Locate } {
  const parsed = parseJsonOrThrow(text, file, 'CONFIG_INVALID');
  return { value: parsed.value, locate: createJsonLocator(parsed.text) };
}

function parseYamlText(text: string, file: string | undefined): { value: unknown; locate: Locate } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { ...YAML_OPTIONS, lineCounter });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const problems = [...doc.errors, ...doc.warnings]
    .sort((a, b) => a.pos[0] - b.pos[0])
    .map((e): Problem => ({
      file,
      ...at(e.pos[0]),
      message: e.code === 'TAG_RESOLVE_FAILED' ? `YAML tags are not allowed (${e.message})` : isStackOverflow(e.message) ? TOO_DEEP : `YAML syntax error: ${e.message}`,
    }));
  // Past the stack's end, the parser's other errors are echoes: the first says what is wrong.
  const tooDeep = problems.find((p) => p.message === TOO_DEEP);
  if (tooDeep) throw new DutyComplianceError('CONFIG_INVALID', [tooDeep]);
  // An alias whose anchor is not defined before it: located here, as toJS would only say its name.
  let firstAlias: { line: number; column: number } | undefined;
  visit(doc, {
    Alias(_key, alias) {
      firstAlias ??= at(alias.range?.[0] ?? 0);
      if (alias.resolve(doc) === undefined) {
        problems.push({ file, ...at(alias.range?.[0] ?? 0), message: `YAML alias *${alias.source} refers to no anchor defined before it`, expected: `&${alias.source} on a value above it` });
      }
    },
  });
  if (problems.length > 0) throw new DutyComplianceError('CONFIG_INVALID', problems);
  let value: unknown;
  try {
    // toJS defines `__proto__` keys as own properties too; the alias limit stops "billion laughs".
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    const message = (error as Error).message;
    if (/alias count/i.test(message)) {
      throw new DutyComplianceError('CONFIG_INVALID', [
        { file, ...(firstAlias ?? { line: 1, column: 1 }), message: 'YAML aliases expand too much (a "billion laughs" document)', expected: 'at most 100 values reached through aliases' },
      ]);
    }
    throw new DutyComplianceError('CONFIG_INVALID', [{ file, ...(firstAlias ?? { line: 1, column: 1 }), message: isStackOverflow(message) ? TOO_DEEP : `YAML cannot be read: ${message}` }]);
  }
  return { value, locate: (segments) => locateYaml(doc, segments, at) };
}

/** The yaml package recurses on nesting; it reports running out of stack as a syntax error. */
function isStackOverflow(message: string): boolean {
  return message.includes('Maximum call stack size exceeded');
}

const TOO_DEEP = `nested too deeply to read (a waivers file needs at most ${MAX_JSON_DEPTH} levels of lists and maps)`;

/** Where the node at a path starts, or its nearest existing parent. */
function locateYaml(doc: Document, segments: readonly (string | number)[], at: (offset: number) => { line: number; column: number }) {
  for (let n = segments.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(segments.slice(0, n), true);
    if (isNode(node) && node.range) return at(node.range[0]);
  }
  return undefined;
}

/** A waiver in the report's shape, its keys in a fixed order. */
function waiverEntry(w: WaiverInput, index: number, file: string | undefined, line: number | undefined): WaiverEntry {
  return {
    ...(w.fingerprint !== undefined ? { fingerprint: w.fingerprint } : {}),
    ...(w.ruleId !== undefined ? { ruleId: w.ruleId } : {}),
    ...(w.subject !== undefined ? { subject: { type: w.subject.type, id: w.subject.id } } : {}),
    ...(w.period !== undefined ? { period: { start: w.period.start, ...(w.period.end !== undefined ? { end: w.period.end } : {}) } } : {}),
    reason: w.reason,
    owner: w.owner,
    expires: w.expires,
    ...(file !== undefined ? { file } : {}),
    ...(line !== undefined ? { line } : {}),
    index,
  };
}

/**
 * "Today" for expiry: the calendar date of the clock's instant in the dataset's time zone, so a
 * CI runner in UTC expires a Shanghai waiver when Shanghai's day ends, not eight hours later.
 *
 * @example
 * waiverToday({ today: new Date('2026-11-27T17:00:00Z'), timezone: 'Asia/Shanghai' }) //=> '2026-11-28'
 */
export function waiverToday(clock: WaiverClock = {}): CalendarDate {
  const timezone = clock.timezone ?? DEFAULT_WAIVER_TIMEZONE;
  if (!isTimeZone(timezone)) throw new DutyComplianceError('USAGE', [{ path: 'timezone', message: 'unknown time zone', expected: 'an IANA time zone such as Asia/Shanghai', received: timezone }]);
  const today = clock.today ?? new Date();
  if (typeof today === 'string') {
    if (!isCalendarDate(today)) throw new DutyComplianceError('USAGE', [{ path: 'today', message: 'not a date', expected: 'YYYY-MM-DD', received: today }]);
    return today;
  }
  return localDateOf(typeof today === 'number' ? today : today.getTime(), timezone);
}

/** Whether a waiver no longer holds on `today` (`expires` is the last day it holds). */
export function isWaiverExpired(waiver: Pick<WaiverEntry, 'expires'>, today: CalendarDate): boolean {
  return waiver.expires < today;
}

/**
 * Whether a waiver names a violation: every field it gives matches (fingerprint; ruleId;
 * subject type and id; period start). Without `period`, every period matches.
 */
export function waiverMatches(waiver: WaiverEntry, violation: Violation): boolean {
  if (waiver.fingerprint !== undefined && waiver.fingerprint !== violation.fingerprint) return false;
  if (waiver.ruleId !== undefined && waiver.ruleId !== violation.ruleId) return false;
  if (waiver.subject !== undefined && (waiver.subject.type !== violation.subject.type || waiver.subject.id !== violation.subject.id)) return false;
  if (waiver.period !== undefined && waiver.period.start !== violation.period?.start) return false;
  return true;
}

/**
 * A new report with the waivers applied: each violation that an unexpired waiver matches is
 * marked `suppression` (the first such waiver in file order) and leaves `errors`, `warnings`
 * and `byRule` for `summary.suppressed`. Expired waivers suppress nothing and are listed in
 * `waivers.expired` with the violations they match; waivers matching nothing are listed in
 * `waivers.unused`. Waivers change no exit code by themselves: a violation whose waiver has
 * expired counts again at its own severity. Suppressions already in `report` are replaced.
 *
 * @example
 * applyWaivers(report, await readWaiversFile('waivers.yaml'), { timezone: 'Asia/Shanghai' }).summary.suppressed //=> 1
 */
export function applyWaivers(report: Report, waivers: WaiversDocument | readonly WaiverEntry[], clock: WaiverClock = {}): Report {
  const list: readonly WaiverEntry[] = isWaiversDocument(waivers) ? waivers.waivers : waivers;
  const today = waiverToday(clock);
  const matched: string[][] = list.map(() => []);
  const violations = report.violations.map((violation) => {
    let suppression: Suppression | undefined;
    list.forEach((waiver, i) => {
      if (!waiverMatches(waiver, violation)) return;
      matched[i]!.push(violation.fingerprint);
      suppression ??= isWaiverExpired(waiver, today) ? undefined : suppressionBy(waiver);
    });
    return annotate(violation, { suppression });
  });
  const outcome: WaiverOutcome = { expired: [], unused: [] };
  list.forEach((waiver, i) => {
    const fingerprints = matched[i]!;
    if (fingerprints.length === 0) outcome.unused.push(waiver);
    else if (isWaiverExpired(waiver, today)) outcome.expired.push({ ...waiver, violations: fingerprints } satisfies ExpiredWaiver);
  });
  const { waivers: _previous, baseline, ...rest } = report;
  return {
    ...rest,
    violations,
    summary: summarize(violations, true),
    waivers: outcome,
    // Counts of a baseline comparison leave out suppressed violations, so they change with it.
    ...(baseline ? { baseline: { ...countBaselineStates(violations), fixed: baseline.fixed } } : {}),
  };
}

function isWaiversDocument(value: WaiversDocument | readonly WaiverEntry[]): value is WaiversDocument {
  return !Array.isArray(value);
}

/** The suppression a waiver gives: SARIF's shape (who accepted it and why), plus where the waiver is. */
function suppressionBy(waiver: WaiverEntry): Suppression {
  const reference: WaiverReference = {
    owner: waiver.owner,
    expires: waiver.expires,
    ...(waiver.file !== undefined ? { file: waiver.file } : {}),
    ...(waiver.line !== undefined ? { line: waiver.line } : {}),
    index: waiver.index,
  };
  return { justification: `${waiver.owner}: ${waiver.reason}`, status: 'accepted', waiver: reference };
}

/**
 * The waivers text without the waivers at `remove` (positions in `waivers`, e.g. a report's
 * `waivers.unused`); everything else is kept as written: JSON layout, and for YAML the comments
 * and styles of the waivers kept (a comment above a removed waiver goes with it).
 *
 * @example
 * await writeFileAtomic(file, pruneWaivers(document, report.waivers.unused))
 */
export function pruneWaivers(document: WaiversDocument, remove: readonly (number | { index: number })[]): string {
  const indexes = new Set(remove.map((r) => (typeof r === 'number' ? r : r.index)));
  if (indexes.size === 0) return document.text;
  return document.format === 'json' ? pruneJson(document.text, indexes) : pruneYaml(document.text, indexes);
}

/**
 * Rewrites only the `waivers` array: each kept element with the whitespace that led up to it,
 * then the whitespace that closed the array, so the layout of the rest stays byte for byte.
 */
function pruneJson(text: string, remove: ReadonlySet<number>): string {
  const root = parseTree(text);
  const array = root?.children?.find((p) => p.children?.[0]?.value === 'waivers')?.children?.[1];
  if (!array || array.type !== 'array' || !array.children) return text;
  const elements: JsonNode[] = array.children;
  const open = array.offset + 1;
  const close = array.offset + array.length - 1;
  const leading = (i: number): string => {
    const from = i === 0 ? open : elements[i - 1]!.offset + elements[i - 1]!.length;
    const gap = text.slice(from, elements[i]!.offset);
    return i === 0 ? gap : gap.slice(gap.indexOf(',') + 1);
  };
  const kept = elements.flatMap((node, i) => (remove.has(i) ? [] : [leading(i) + text.slice(node.offset, node.offset + node.length)]));
  const last = elements[elements.length - 1]!;
  const closing = kept.length > 0 ? text.slice(last.offset + last.length, close) : '';
  return `${text.slice(0, open)}${kept.join(',')}${closing}${text.slice(close)}`;
}

function pruneYaml(text: string, remove: ReadonlySet<number>): string {
  const doc = parseDocument(text, YAML_OPTIONS);
  // Anchors defined in a removed waiver that a kept one uses (`reason: *why`): the first alias
  // left becomes the anchored node itself, so the rest still resolve and mean the same.
  const anchored = new Map<string, YamlNode>();
  const list = doc.get('waivers', true);
  for (const i of remove) {
    const removed = isSeq(list) ? list.items[i] : undefined;
    if (!isNode(removed)) continue;
    visit(removed, (_key, node) => {
      if (isNode(node) && !isAlias(node) && node.anchor) anchored.set(node.anchor, node);
    });
  }
  for (const i of [...remove].sort((a, b) => b - a)) doc.deleteIn(['waivers', i]);
  if (anchored.size > 0) {
    visit(doc, (_key, node) => {
      if (isAlias(node)) {
        const target = anchored.get(node.source);
        if (!target) return undefined;
        anchored.delete(node.source);
        return target.clone() as YamlNode;
      }
      // A kept node that defines the same name again: later aliases mean that one.
      if (isNode(node) && node.anchor) anchored.delete(node.anchor);
      return undefined;
    });
  }
  // No line folding: long reasons stay on the line they were written on.
  return doc.toString({ lineWidth: 0 });
}
