import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/check.js';
import { singleEntryMinutes } from '../../src/engine/declarative/measures.js';
import { probePack, probeRule, twoOfficerCity } from '../_lib/probe-pack.js';

/**
 * `{ "minutes": { "of": [{ "var": "item" }], "within": …, "dates": "touched" } }` — one entry's
 * minutes within the windows of the dates it touches, asked item by item (no-daytime-station-duty's
 * daytime overlap) — is summed without the general path's sets and index. Both must report the
 * same: random entries across midnight, over several days, of a minute, windows across
 * midnight, the whole day, two of one start; in `maxOf`, in a filter (made once per officer on a judged date),
 * and (the general path, by design) where the minutes are themselves the evidence.
 */
const WINDOWS = { clock: { night: ['22:00', '06:00'], am: ['08:00', '12:00'], pm: ['13:00', '17:00'] } };
// Two windows of one start: the general path counts a start once, and so must the fast one.
const SAME_START = { clock: { morning: ['08:00', '12:00'], day: ['08:00', '18:00'] } };
const oneEntry = (within: unknown) => ({ minutes: { of: [{ var: 'item' }], within, dates: 'touched' } });

function rule(name: string, lets: Record<string, unknown>, evidence: string) {
  return probeRule(name, {
    options: { threshold: { type: 'integer', default: 0, minimum: 0, description: { 'zh-CN': '阈值', en: 'threshold' } } },
    facts: { measured: 'what the measure gives' },
    checks: [{ conditions: { all: [{ fact: 'measured', operator: 'greaterThanInclusive', value: 0 }] }, event: { type: 'violation', params: { messageId: 'found' } } }],
    for: { each: ['officer', 'date'], where: { exists: { var: 'duties' } } },
    let: { duties: { entries: { categories: ['station-duty', 'other'], startsOn: 'subject' } }, ...lets },
    evidence: [{ each: { var: evidence } }],
    actual: 'measured',
  });
}

const probes = [
  rule('longest-in-windows', { measured: { maxOf: [{ var: 'duties' }, oneEntry(WINDOWS)] } }, 'duties'),
  rule('longest-in-day', { measured: { maxOf: [{ var: 'duties' }, oneEntry('day')] } }, 'duties'),
  rule(
    'breaking-daytime',
    {
      breaking: { filter: [{ var: 'duties' }, { '>': [oneEntry({ setting: 'daytime' }), { option: 'threshold' }] }] },
      measured: { count: { var: 'breaking' } },
    },
    'breaking',
  ),
  rule('sum-in-windows', { measured: { sumOf: [{ var: 'duties' }, oneEntry(WINDOWS)] } }, 'duties'),
  rule('sum-same-start', { measured: { sumOf: [{ var: 'duties' }, oneEntry(SAME_START)] } }, 'duties'),
];
const PACK = probePack('duty-compliance-single-entry-', probes);

const TYPES = ['所内值班', '专案协查', '社区工作'];
const pad = (n: number) => String(n).padStart(2, '0');
/** A wall time `minute` minutes after 2017-04-02T00:00 (the day before the period). */
function wall(minute: number): string {
  const day = 2 + Math.floor(minute / 1440);
  const m = minute % 1440;
  return `2017-04-${pad(day)}T${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
}
const entry = fc
  .record({
    officer: fc.constantFrom('O1', 'O2'),
    start: fc.integer({ min: 0, max: 15 * 1440 }),
    // Mostly a shift, sometimes a minute; sometimes several days.
    length: fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 1, max: 900 }) }, { weight: 1, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.integer({ min: 900, max: 4000 }) }),
    type: fc.constantFrom(...TYPES),
  })
  .map(({ officer, start, length, type }) => ({ officer, start: wall(start), end: wall(start + length), type }));

describe('one entry’s touched minutes agree with the general path', () => {
  it('same report on random rosters', async () => {
    let reported = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(entry, { minLength: 1, maxLength: 30 }), fc.constantFrom(0, 30, 240), async (roster, threshold) => {
        const doc = twoOfficerCity(roster, 3);
        const config = { extends: [], rules: Object.fromEntries(probes.map((p) => [p.id, ['error', { threshold }]])) };
        const fast = await check(doc, { rulePacks: [PACK], config });
        singleEntryMinutes.enabled = false;
        const general = await check(doc, { rulePacks: [PACK], config }).finally(() => (singleEntryMinutes.enabled = true));
        expect(JSON.stringify(fast.violations)).toBe(JSON.stringify(general.violations));
        reported += fast.violations.length;
      }),
      { numRuns: 120, seed: 20261204 },
    );
    // The rosters are not all outside the period: most runs report subjects.
    expect(reported).toBeGreaterThan(500);
  }, 120_000);
});
