import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RosterEntrySchema } from '../../src/model/dataset-schema.js';
import { plainRosterEntry } from '../../src/model/_lib/roster-entry-fast-path.js';

/** Values near the boundary of a valid roster entry: right and wrong types, empty strings, odd date-times. */
const text = fc.oneof({ arbitrary: fc.constantFrom('', 'O1', '社区工作', ' ', '2017-04-05T08:00', '2017-04-05T08:00:00', '2017-04-05T08:00Z', '2017-04-05T08:00+08:00', '2017-04-05 08:00', '2017-4-5T8:00', '2017-04-05T08:00+0800'), weight: 4 }, fc.string());
const field = fc.oneof({ arbitrary: text, weight: 6 }, fc.constant(undefined), fc.constant(null), fc.integer(), fc.boolean(), fc.array(fc.string(), { maxLength: 1 }));
const entry = fc.record(
  { officer: field, start: field, end: field, type: field, community: field, id: field, note: field, extra: field },
  { requiredKeys: [] },
);
// Mostly right, now and then one field wrong: the values where the two could disagree.
const dateTime = fc.constantFrom('2017-04-05T08:00', '2017-04-05T08:00:00', '2017-04-05T08:00Z', '2017-04-05T08:00+08:00', '2017-13-45T99:99');
const usually = <T,>(good: fc.Arbitrary<T>) => fc.oneof({ arbitrary: good, weight: 12 }, field);
const nearValid = fc.record(
  {
    officer: usually(fc.constantFrom('O1', '012345')),
    start: usually(dateTime),
    end: usually(dateTime),
    type: usually(fc.constantFrom('社区工作', 'x')),
    community: usually(fc.constantFrom('C1', undefined)),
    id: usually(fc.constantFrom('E1', '')),
    note: usually(fc.string()),
    extra: field,
  },
  { requiredKeys: ['officer', 'start', 'end', 'type'] },
);

describe('plainRosterEntry (the fast path in front of zod)', () => {
  it('accepts only what zod accepts, with the same result', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof({ arbitrary: nearValid, weight: 8 }, { arbitrary: entry, weight: 4 }, fc.anything()), (value) => {
        const fast = plainRosterEntry(value);
        if (fast !== undefined) {
          accepted++;
          const zod = RosterEntrySchema.safeParse(value);
          expect(zod.success).toBe(true);
          expect(fast).toEqual(zod.data);
        }
      }),
      { numRuns: 20_000 },
    );
    // The property says something only if the fast path accepted a good share of the values.
    expect(accepted).toBeGreaterThan(200);
  });

  it('takes the common entries (so the fast path is really used)', () => {
    expect(plainRosterEntry({ officer: 'O1', start: '2017-04-05T08:00', end: '2017-04-05T12:00', type: '社区工作', community: 'C1', extra: 1 })).toEqual({
      officer: 'O1',
      start: '2017-04-05T08:00',
      end: '2017-04-05T12:00',
      type: '社区工作',
      community: 'C1',
    });
  });
});
