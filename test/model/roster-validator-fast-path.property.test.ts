import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EntrySource } from '../../src/io/types.js';
import type { Dataset } from '../../src/model/dataset-schema.js';
import { createRosterValidator } from '../../src/model/_lib/roster-validator.js';

/**
 * The validator's fast path (rows of the common shape, no zod, date-times cached) must give
 * exactly what the general path gives: the same entries, fields in the same order, and the same
 * problems, for any sequence of rows — valid ones, wrong types, unknown officers and communities,
 * badges, date-times that do not exist (a DST gap in Berlin), entries that end before they start.
 */
const dataset = {
  timezone: 'Europe/Berlin',
  officers: [
    { id: 'O1', badge: '012345' },
    { id: 'O2', badge: '777' },
    { id: 'O3' },
  ],
  communities: [{ id: 'C1' }, { id: 'C2' }],
  units: [],
} as unknown as Omit<Dataset, 'roster'>;

const dateTime = fc.constantFrom(
  '2017-04-05T08:00',
  '2017-04-05T12:00',
  '2017-04-05T12:00:00',
  '2017-04-05T08:00Z',
  '2017-04-05T10:00+02:00',
  '2017-03-26T02:30', // skipped by the DST change
  '2017-02-30T08:00', // no such day
  '2017-04-05 08:00',
  '2017-13-45T99:99',
);
const odd = fc.constantFrom(undefined, null, '', ' ', 1, true, [], {}, ['x']);
const usually = <T,>(good: fc.Arbitrary<T>) => fc.oneof({ arbitrary: good, weight: 10 }, odd);
const row = fc.record(
  {
    officer: usually(fc.constantFrom('O1', 'O2', 'O3', '012345', '12345', '777', 'O9')),
    // Mostly an entry that ends after it starts, so that many rows are valid.
    start: usually(fc.oneof({ arbitrary: fc.constant('2017-04-05T08:00'), weight: 6 }, dateTime)),
    end: usually(fc.oneof({ arbitrary: fc.constant('2017-04-05T12:00'), weight: 6 }, dateTime)),
    type: usually(fc.constantFrom('社区工作', '所内值班', 'x')),
    community: fc.oneof({ arbitrary: fc.constant(undefined), weight: 4 }, usually(fc.constantFrom('C1', 'C2', 'C9'))),
    id: fc.oneof({ arbitrary: fc.constant(undefined), weight: 6 }, usually(fc.constantFrom('E1', ''))),
    note: fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, usually(fc.constantFrom('下夜班补休', ''))),
    attributes: fc.oneof({ arbitrary: fc.constant(undefined), weight: 8 }, fc.constantFrom({ skill: 'HeadNurse' }, { n: 1 }, 'x')),
    extra: fc.oneof({ arbitrary: fc.constant(undefined), weight: 8 }, odd),
  },
  { requiredKeys: [] },
);
const value = fc.oneof({ arbitrary: row, weight: 40 }, odd, fc.anything());
const sources: Omit<EntrySource, 'line'>[] = [
  { file: 'r.ndjson', path: '' },
  { file: 'r.csv', path: '', columns: { officer: 1, start: 2, end: 3, type: 4, community: 5, note: 6 } },
  { file: 'r.csv', path: '', columns: { officer: 1, start: 2, end: 3, type: 4 }, officerTypedAsNumber: true },
  { file: 'r.xlsx', path: '', sheet: 'Sheet1', cell: 'D7' },
  { path: 'roster[0]' },
];
const source = fc.oneof({ arbitrary: fc.constant(sources[0]!), weight: 8 }, fc.constantFrom(...sources.slice(1)));

describe('the roster validator fast path', () => {
  it('gives the entries and problems the general path gives', () => {
    let fastEntries = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(value, source), { maxLength: 12 }), (rows) => {
        const fast = createRosterValidator(dataset, 'dataset.json');
        const general = createRosterValidator(dataset, 'dataset.json', { fastPath: false });
        rows.forEach(([v, s], i) => {
          const at: EntrySource = { ...s, line: s.path === '' ? i + 1 : undefined };
          if (at.line === undefined) delete at.line;
          fast.add(v, at);
          general.add(v, at);
        });
        expect(fast.entries).toEqual(general.entries);
        expect(fast.entries.map((e) => Object.keys(e))).toEqual(general.entries.map((e) => Object.keys(e)));
        expect(fast.problems).toEqual(general.problems);
        fastEntries += fast.entries.length;
      }),
      { numRuns: 3000 },
    );
    // Enough rows must be valid for the property to mean something.
    expect(fastEntries).toBeGreaterThan(1000);
  });
});
