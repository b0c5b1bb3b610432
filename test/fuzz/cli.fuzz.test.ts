import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliCapturing } from '../_lib/cli.js';
import { fuzzRuns } from '../_lib/fuzz-runs.js';

/**
 * Random and mutated input files through the CLI's own code path (runCli, in-process). Whatever
 * the input: no internal error; exit 0, 1 or 2; on exit 2 nothing on stdout and every problem
 * names its file with a line or a JSON path; no input file is changed; the same input gives the
 * same output. `npm test` runs a few cases with the fixed seed; `npm run fuzz` runs many more.
 */
const FIXTURES = new URL('../cli/__fixtures__/small/', import.meta.url);
const BASE = {
  dataset: readFileSync(new URL('dataset.json', FIXTURES), 'utf8'),
  csv: readFileSync(new URL('roster.csv', FIXTURES), 'utf8'),
  config: readFileSync(new URL('config.json', FIXTURES), 'utf8'),
  ndjson: [
    '{"officer":"012345","start":"2017-04-05T08:00","end":"2017-04-05T12:00","type":"社区工作"}',
    '{"officer":"012346","start":"2017-04-06T09:00","end":"2017-04-06T11:00","type":"所内值班","community":"C1"}',
    '',
  ].join('\n'),
  waivers: 'waivers:\n  - ruleId: community-policing/coverage\n    subject: { type: community, id: C1 }\n    reason: &why agreed\n    owner: duty office\n    expires: 2099-12-31\n  - fingerprint: "0123456789abcdef"\n    reason: *why\n    owner: o\n    expires: 2000-01-01\n',
};

const root = realpathSync(mkdtempSync(join(tmpdir(), 'duty-fuzz-')));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let runNumber = 0;

/** Strings that break parsers: quotes, separators, every newline style, escapes, huge numbers, keys that are not data. */
const nasty = fc.constantFrom('"', ',', '\n', '\r', '\r\n', '\\', '{', '}', '[', ']', ':', '__proto__', '1e400', 'null', '::error::x', '%0A', '\uFEFF', '\u0000', '24:00', '02:30', '9999-12-31', '2017-02-29', '-', ' ', '*why', '&a', '!!js/function', '#');

/** A text with a few random edits: characters inserted, deleted or replaced, nasty or not. */
function mutated(text: string): fc.Arbitrary<string> {
  const edit = fc.tuple(fc.nat(), fc.constantFrom('insert', 'delete', 'replace'), fc.oneof(nasty, fc.string({ maxLength: 3 })));
  return fc.array(edit, { minLength: 1, maxLength: 6 }).map((edits) => {
    let t = text;
    for (const [at, kind, piece] of edits) {
      const i = t.length === 0 ? 0 : at % t.length;
      if (kind === 'insert') t = t.slice(0, i) + piece + t.slice(i);
      else if (kind === 'delete') t = t.slice(0, i) + t.slice(i + 1 + (at % 5));
      else t = t.slice(0, i) + piece + t.slice(i + piece.length);
    }
    return t;
  });
}

/** A JSON document with one random subtree replaced by a random JSON value (deep ones too). */
function withRandomSubtree(text: string): fc.Arbitrary<string> {
  const deep = fc.integer({ min: 90, max: 3000 }).map((n) => JSON.parse(`${'['.repeat(n)}${']'.repeat(n)}`) as unknown);
  const value = fc.oneof(fc.jsonValue({ maxDepth: 3 }), deep, fc.constantFrom(null, -1, 1e308, '', '2017-04-05T02:30', { __proto__: null }));
  return fc.tuple(fc.nat(), value).map(([pick, replacement]) => {
    const doc = JSON.parse(text) as unknown;
    const slots: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
    const stack: unknown[] = [doc];
    while (stack.length > 0) {
      const v = stack.pop();
      if (v === null || typeof v !== 'object') continue;
      for (const [k, child] of Object.entries(v)) {
        slots.push({ parent: v as Record<string, unknown>, key: Array.isArray(v) ? Number(k) : k });
        stack.push(child);
      }
    }
    const slot = slots[pick % slots.length]!;
    (slot.parent as Record<string | number, unknown>)[slot.key] = replacement;
    return JSON.stringify(doc, null, pick % 3);
  });
}

/** A CSV roster: a header from known and unknown names, rows of random cells, any newline style. */
const csvRoster = fc
  .tuple(
    fc.shuffledSubarray(['officer', '警号', 'start', 'end', 'date', '日期', 'startTime', '开始', 'endTime', '结束', 'type', '勤务类型', 'community', 'note', 'extra'], { minLength: 1 }),
    fc.array(fc.array(fc.oneof(fc.constantFrom('012345', 'O1', 'C1', '2017-04-05', '2017-04-05T08:00', '8:00', '18:00', '所内值班', '社区工作', ''), nasty, fc.string({ maxLength: 4 })), { maxLength: 8 }), { maxLength: 8 }),
    fc.constantFrom('\n', '\r\n', '\r'),
    fc.boolean(),
  )
  .map(([header, rows, newline, quote]) => [header, ...rows].map((cells) => cells.map((c) => (quote ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join(newline));

const datasetText = fc.oneof(mutated(BASE.dataset), withRandomSubtree(BASE.dataset), fc.constant(BASE.dataset));
const configText = fc.oneof(mutated(BASE.config), withRandomSubtree(BASE.config), fc.constant(BASE.config));
const rosterFile = fc.oneof(
  fc.record({ name: fc.constant('roster.csv'), text: fc.oneof(mutated(BASE.csv), csvRoster) }),
  fc.record({ name: fc.constant('roster.ndjson'), text: fc.oneof(mutated(BASE.ndjson), fc.array(fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)), { maxLength: 4 }).map((l) => l.join('\n'))) }),
);
const waiversFile = fc.oneof(
  fc.record({ name: fc.constant('waivers.yaml'), text: mutated(BASE.waivers) }),
  fc.record({ name: fc.constant('waivers.json'), text: withRandomSubtree(JSON.stringify({ waivers: [{ fingerprint: '0123456789abcdef', reason: 'r', owner: 'o', expires: '2099-12-31' }] })) }),
);

/** A JSON report and a baseline of the small fixture, as `check` writes them: what diff and --baseline read. */
const seedDir = realpathSync(mkdtempSync(join(tmpdir(), 'duty-fuzz-seed-')));
const fixture = (name: string) => new URL(name, FIXTURES).pathname;
const seedArgs = ['check', fixture('dataset.json'), '--roster', fixture('roster.csv'), '--config', fixture('config.json')];
const BASE_REPORT = (await runCliCapturing([...seedArgs, '--format', 'json'], { cwd: seedDir })).stdout;
await runCliCapturing([...seedArgs, '--write-baseline', join(seedDir, 'baseline.json')], { cwd: seedDir });
const BASE_BASELINE = readFileSync(join(seedDir, 'baseline.json'), 'utf8');
rmSync(seedDir, { recursive: true, force: true });
const reportText = fc.oneof(mutated(BASE_REPORT), withRandomSubtree(BASE_REPORT), fc.constant(BASE_REPORT));
const baselineText = fc.oneof(mutated(BASE_BASELINE), withRandomSubtree(BASE_BASELINE), fc.constant(BASE_BASELINE));

/** The input files of one run, each one either as given or broken. */
const inputs = fc.record({
  dataset: datasetText,
  config: fc.option(configText, { nil: undefined }),
  rosters: fc.array(rosterFile, { maxLength: 2 }),
  waivers: fc.option(waiversFile, { nil: undefined }),
  baseline: fc.option(baselineText, { nil: undefined }),
  format: fc.constantFrom('json', 'text', 'sarif', 'junit'),
});

type Inputs = typeof inputs extends fc.Arbitrary<infer T> ? T : never;

async function runOnce(input: Inputs): Promise<void> {
  const dir = join(root, String(runNumber++));
  mkdirSync(dir);
  const write = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  const args = ['check', write('dataset.json', input.dataset)];
  input.rosters.forEach((r, i) => args.push('--roster', write(`${i}-${r.name}`, r.text)));
  if (input.config !== undefined) args.push('--config', write('config.json', input.config));
  if (input.waivers !== undefined) args.push('--waivers', write(input.waivers.name, input.waivers.text));
  if (input.baseline !== undefined) args.push('--baseline', write('baseline.json', input.baseline));
  args.push('--format', input.format);
  const files = readdirSync(dir);
  const before = files.map((f) => readFileSync(join(dir, f), 'utf8'));

  const run = await runCliCapturing(args, { cwd: dir, now: () => new Date('2026-06-01T00:00:00Z') });
  expect(run.stderr).not.toContain('internal error');
  expect([0, 1, 2]).toContain(run.code);
  if (run.code === 2) {
    expect(run.stdout).toBe('');
    const problems = run.stderr.split('\n').filter((l) => l.startsWith('  ') && !l.startsWith('  … and '));
    expect(problems.length).toBeGreaterThan(0);
    for (const line of problems) {
      // `  FILE:LINE[:COLUMN] …` or `  FILE PATH: …`: a file, and a line or a path in it.
      expect(line, run.stderr).toMatch(new RegExp(`^  ${dir.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}/[^ :]+(:\\d+| [^ :]+:)`));
    }
  } else {
    const again = await runCliCapturing(args, { cwd: dir, now: () => new Date('2026-06-01T00:00:00Z') });
    expect(again).toEqual(run);
  }
  expect(readdirSync(dir)).toEqual(files);
  expect(files.map((f) => readFileSync(join(dir, f), 'utf8'))).toEqual(before);
  rmSync(dir, { recursive: true, force: true });
}

/** diff OLD NEW: the same contract as check. */
async function runDiffOnce(old: string, next: string): Promise<void> {
  const dir = join(root, String(runNumber++));
  mkdirSync(dir);
  writeFileSync(join(dir, 'old.json'), old);
  writeFileSync(join(dir, 'new.json'), next);
  const run = await runCliCapturing(['diff', join(dir, 'old.json'), join(dir, 'new.json'), '--format', 'json'], { cwd: dir });
  expect(run.stderr).not.toContain('internal error');
  expect([0, 1, 2]).toContain(run.code);
  if (run.code === 2) {
    expect(run.stdout).toBe('');
    for (const line of run.stderr.split('\n').filter((l) => l.startsWith('  ') && !l.startsWith('  … and '))) {
      expect(line, run.stderr).toMatch(new RegExp(`^  ${dir.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}/[^ :]+(:\\d+| [^ :]+:)`));
    }
  }
  expect([readFileSync(join(dir, 'old.json'), 'utf8'), readFileSync(join(dir, 'new.json'), 'utf8')]).toEqual([old, next]);
  rmSync(dir, { recursive: true, force: true });
}

describe('fuzz: hostile input files through the CLI', () => {
  it('no internal error; exit 2 only with located problems and nothing on stdout; inputs unchanged; output reproducible', async () => {
    await fc.assert(fc.asyncProperty(inputs, runOnce), { numRuns: fuzzRuns(60) });
  });

  it('diff of two broken reports', async () => {
    await fc.assert(fc.asyncProperty(reportText, reportText, runDiffOnce), { numRuns: fuzzRuns(40) });
  });

  it('a broken roster alone (CSV in every newline style, NDJSON)', async () => {
    await fc.assert(
      fc.asyncProperty(rosterFile, (roster) => runOnce({ dataset: BASE.dataset, rosters: [roster], config: undefined, waivers: undefined, baseline: undefined, format: 'json' })),
      { numRuns: fuzzRuns(60) },
    );
  });
});
