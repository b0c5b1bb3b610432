import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../src/errors.js';
import { parseInrc2History } from '../../src/inrc2/history.js';
import { parseInrc2Scenario } from '../../src/inrc2/scenario.js';
import { parseInrc2Solution } from '../../src/inrc2/solution.js';
import { parseInrc2WeekData } from '../../src/inrc2/week-data.js';
import type { Inrc2Scenario } from '../../src/inrc2/types.js';

/*
 * Damaged competition files never crash a reader: every outcome is a value and a list of
 * located problems. Edits: lines deleted, repeated, words replaced by hostile words.
 */

const FIXTURES = join(fileURLToPath(new URL('../..', import.meta.url)), 'fixtures', 'inrc2');
const read = (path: string) => readFileSync(join(FIXTURES, path), 'utf8');
const SCENARIO_TEXT = read('instances/n005w4/Sc-n005w4.txt');
const SCENARIO = parseInrc2Scenario(SCENARIO_TEXT, 'Sc.txt').value;
const WORDS = ['', 'x', '-1', '0', '(1,2)', '(a,b)', '(1,', 'Mon', 'Sunday', 'None', 'Any', '=', '= 3', 'NURSES', 'ASSIGNMENTS = 2', '99999999999999999999', '__proto__', 'constructor', 'Patrick', 'Night', '\t', '\r'];

type Edit = { kind: 'delete' | 'repeat'; line: number } | { kind: 'word'; line: number; word: number; text: string };
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constantFrom('delete' as const, 'repeat' as const), line: fc.nat(60) }),
  fc.record({ kind: fc.constant('word' as const), line: fc.nat(60), word: fc.nat(9), text: fc.constantFrom(...WORDS) }),
);

function damage(text: string, edits: readonly Edit[]): string {
  const lines = text.split('\n');
  for (const e of edits) {
    if (lines.length === 0) break;
    const i = e.line % lines.length;
    if (e.kind === 'word') {
      const words = lines[i]!.split(' ');
      words[e.word % Math.max(words.length, 1)] = e.text;
      lines[i] = words.join(' ');
    } else if (e.kind === 'delete') lines.splice(i, 1);
    else lines.splice(i, 0, lines[i]!);
  }
  return lines.join('\n');
}

function expectLocated(problems: readonly Problem[], file: string, text: string): void {
  const lineCount = text.split('\n').length;
  for (const p of problems) {
    expect(p.file).toBe(file);
    expect(p.message.length).toBeGreaterThan(0);
    if (p.line !== undefined) expect(p.line >= 1 && p.line <= lineCount, JSON.stringify(p)).toBe(true);
  }
}

const READERS: [string, string, (text: string, file: string, scenario?: Inrc2Scenario) => { problems: Problem[] }][] = [
  ['the scenario', SCENARIO_TEXT, (t, f) => parseInrc2Scenario(t, f)],
  ['a history', read('instances/n005w4/H0-n005w4-0.txt'), parseInrc2History],
  ['week data', read('instances/n005w4/WD-n005w4-1.txt'), parseInrc2WeekData],
  ['a solution', read('solutions/n005w4_0_1-2-3-3/sol-week0.txt'), parseInrc2Solution],
];

describe.each(READERS)('reading damaged %s', (_, original, parse) => {
  it('never throws, and locates every problem in the file', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), fc.boolean(), (edits, withScenario) => {
        const text = damage(original, edits);
        const { problems } = parse(text, 'f.txt', withScenario ? SCENARIO : undefined);
        expectLocated(problems, 'f.txt', text);
      }),
      { seed: 20240101, numRuns: 300 },
    );
  });

  it('reads the undamaged file without a problem', () => {
    expect(parse(original, 'f.txt', SCENARIO).problems).toEqual([]);
  });
});
