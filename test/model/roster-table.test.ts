import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCheckContext } from '../../src/engine/check-context.js';
import { resolveSettings } from '../../src/engine/settings.js';
import type { RosterEntry } from '../../src/model/roster-entry.js';
import { RosterTable } from '../../src/model/roster-table.js';
import { rosterTableOf, validatedInputFromParts, validatedInputParts, validateInput } from '../../src/model/validate-input.js';

const HOUR = 3_600_000;
const BASE = Date.UTC(2017, 3, 3, 0, 0);
const wall = (instant: number) => new Date(instant + 8 * HOUR).toISOString().slice(0, 16);

/** Entries as validation makes them: fields in its order, the optional ones only where present. */
const entry = fc
  .record(
    {
      officer: fc.constantFrom('O1', 'O2', 'O3'),
      at: fc.integer({ min: 0, max: 200 }),
      hours: fc.integer({ min: 1, max: 30 }),
      type: fc.constantFrom('社区工作', '所内值班', '年休假'),
      community: fc.constantFrom('C1', 'C2'),
      id: fc.string({ maxLength: 4 }),
      note: fc.string({ maxLength: 4 }),
      attributes: fc.dictionary(fc.constantFrom('a', 'b'), fc.oneof(fc.string({ maxLength: 3 }), fc.integer(), fc.boolean())),
      file: fc.constantFrom('r.csv', 'r.ndjson', 'w.xlsx'),
      sheet: fc.constantFrom('Sheet1', '4月'),
      line: fc.integer({ min: 1, max: 10_000 }),
      cell: fc.constantFrom('D7', 'AA12'),
    },
    { requiredKeys: ['officer', 'at', 'hours', 'type'] },
  )
  .map((r) => {
    const startInstant = BASE + r.at * HOUR;
    const endInstant = startInstant + r.hours * HOUR;
    const e: RosterEntry = { index: 0, officer: r.officer, start: wall(startInstant), end: wall(endInstant), startInstant, endInstant, type: r.type };
    if (r.community !== undefined) e.community = r.community;
    if (r.id !== undefined) e.id = r.id;
    if (r.note !== undefined) e.note = r.note;
    if (r.attributes !== undefined) e.attributes = r.attributes;
    if (r.file !== undefined) e.file = r.file;
    if (r.sheet !== undefined) e.sheet = r.sheet;
    if (r.line !== undefined) e.line = r.line;
    if (r.cell !== undefined) e.cell = r.cell;
    return e;
  });
const roster = fc.array(entry, { maxLength: 40 }).map((list) => list.map((e, index) => ({ ...e, index })));

describe('RosterTable', () => {
  it('gives back each row as the entry it was made from: the same fields, in the same order', () => {
    fc.assert(
      fc.property(roster, (entries) => {
        const table = RosterTable.fromEntries(entries, ['O1', 'O2']);
        expect(table.length).toBe(entries.length);
        const back = table.entries();
        expect(back).toStrictEqual(entries);
        back.forEach((e, i) => expect(Object.keys(e)).toEqual(Object.keys(entries[i]!)));
      }),
      { numRuns: 300, seed: 81 },
    );
  });

  it('forgets the rows after a truncation, their rare fields too', () => {
    const [a, b] = fc.sample(entry, { numRuns: 2, seed: 3 });
    const entries = [{ ...a!, index: 0 }, { ...b!, index: 1, id: 'E2', cell: 'D7' }];
    const table = RosterTable.fromEntries(entries, []);
    table.truncate(1);
    expect(table.entries()).toStrictEqual([entries[0]]);
    const again = RosterTable.fromEntries([entries[0]!], []);
    again.append(1, 0, b!.startInstant, b!.endInstant, again.textId(b!.start), again.textId(b!.end), again.textId(b!.type), -1, -1, -1, -1);
    table.append(1, 0, b!.startInstant, b!.endInstant, table.textId(b!.start), table.textId(b!.end), table.textId(b!.type), -1, -1, -1, -1);
    expect(table.entryAt(1)).toStrictEqual(again.entryAt(1));
    expect(table.entryAt(1).id).toBeUndefined();
  });
});

describe('RosterTable pieces', () => {
  it('reads rows appended across many pieces, and after a truncation inside one, as they were given', () => {
    // 140,000 rows: a first piece grown from 256 rows to 65,536, then whole pieces; then rows cut inside a piece and added again.
    const made = (i: number): RosterEntry => {
      const startInstant = BASE + (i % 5000) * HOUR;
      return { index: i, officer: `O${i % 3}`, start: wall(startInstant), end: wall(startInstant + HOUR), startInstant, endInstant: startInstant + HOUR, type: i % 2 ? '社区工作' : '所内值班', ...(i % 7 === 0 ? { id: `E${i}` } : {}), file: 'r.ndjson', line: i + 1 };
    };
    const entries = Array.from({ length: 140_000 }, (_, i) => made(i));
    const table = RosterTable.fromEntries(entries, ['O0', 'O1', 'O2']);
    for (const row of [0, 255, 256, 767, 768, 65_535, 130_815, 130_816, 139_999]) expect(table.entryAt(row)).toStrictEqual(entries[row]);
    // Pieces of 65,536 rows: three, the last holding the rest.
    expect(table.pieces().map((_, k) => table.rowsIn(k))).toEqual([65_536, 65_536, 8_928]);
    table.truncate(100_001);
    const more = Array.from({ length: 70_000 }, (_, i) => made(200_000 + i));
    const again = RosterTable.fromEntries(more, ['O0', 'O1', 'O2']);
    more.forEach((e, i) => {
      expect(again.entryAt(i)).toStrictEqual(e);
      const officer = Number(e.officer.slice(1));
      table.append(e.index, officer, e.startInstant, e.endInstant, table.textId(e.start), table.textId(e.end), table.textId(e.type), -1, -1, table.textId('r.ndjson'), e.line!, e.id === undefined ? undefined : { id: e.id });
    });
    expect(table.length).toBe(170_001);
    const expected = [...entries.slice(0, 100_001), ...more];
    for (const row of [0, 100_000, 100_001, 100_257, 165_537, 170_000]) expect(table.entryAt(row)).toStrictEqual(expected[row]);
    expect(table.entries()).toStrictEqual(expected);
  });
});

describe('RosterTable parts (sent to a second thread)', () => {
  it('give back the same rows after a clone, rare fields too, with the columns shared, not copied', () => {
    fc.assert(
      fc.property(roster, (entries) => {
        const table = RosterTable.fromEntries(entries, ['O1', 'O2']);
        // structuredClone is what postMessage does to them.
        const received = RosterTable.fromParts(structuredClone(table.parts()));
        expect(received.length).toBe(table.length);
        // toEqual and the JSON text: fast-check's attribute dictionaries have no prototype, their clones do.
        expect(received.entries()).toEqual(table.entries());
        expect(JSON.stringify(received.entries())).toBe(JSON.stringify(table.entries()));
        for (const e of entries) expect(received.textIdOf(e.type)).toBe(table.textIdOf(e.type));
      }),
      { numRuns: 200, seed: 82 },
    );
  });

  it('share the columns of every piece: a row written on one side is read on the other', () => {
    const rows = 70_000;
    const entries = Array.from({ length: rows }, (_, i): RosterEntry => ({ index: i, officer: 'O1', start: wall(BASE), end: wall(BASE + HOUR), startInstant: BASE, endInstant: BASE + HOUR, type: '社区工作', file: 'r.ndjson', line: i + 1 }));
    const table = RosterTable.fromEntries(entries, ['O1']);
    const received = RosterTable.fromParts(structuredClone(table.parts()));
    expect(received.pieces().length).toBe(2);
    table.pieces()[1]!.line[rows - 65_536 - 1] = 7;
    expect(received.entryAt(rows - 1).line).toBe(7);
  });

  it('make the same validated input on the other side', () => {
    const document = { value: { units: [{ id: 'U1', name: 'u', type: 'station' }], communities: [], officers: [{ id: 'O1', name: 'a', unit: 'U1' }], roster: [{ officer: 'O1', start: '2017-04-03T08:00', end: '2017-04-03T12:00', type: '社区工作', id: 'E1' }] }, problems: [] };
    const input = validateInput(document);
    const received = validatedInputFromParts(structuredClone(validatedInputParts(input)));
    expect(received.roster).toStrictEqual(input.roster);
    expect(received.dataset).toStrictEqual(input.dataset);
    expect(received.period).toStrictEqual(input.period);
  });
});

describe('a check context over the roster table', () => {
  const dataset = {
    timezone: 'Asia/Shanghai',
    period: { start: '2017-04-03', end: '2017-04-16' },
    units: [{ id: 'S1', kind: 'station', name: 'S1' }],
    communities: [{ id: 'C1', name: 'C1', kind: 'residential', unit: 'S1' }, { id: 'C2', name: 'C2', kind: 'residential', unit: 'S1' }],
    officers: ['O1', 'O2', 'O3'].map((id) => ({ id, name: id, unit: 'S1' })),
  };

  it("gives each officer's entries by start then input order, as sorting the roster does, and the same list while the officer is asked", () => {
    fc.assert(
      fc.property(roster, (entries) => {
        const rows = entries.map(({ index: _index, startInstant: _s, endInstant: _e, ...e }) => e);
        const input = validateInput({ value: { ...dataset, roster: rows }, problems: [] });
        const context = createCheckContext(input, resolveSettings(undefined));
        for (const officer of ['O1', 'O2', 'O3']) {
          const expected = input.roster.filter((e) => e.officer === officer).sort((x, y) => x.startInstant - y.startInstant || x.index - y.index);
          const list = context.entriesOf(officer);
          expect(list).toStrictEqual(expected);
          expect(context.entriesOf(officer)).toBe(list);
        }
        expect(context.rosterLength).toBe(rosterTableOf(input).length);
      }),
      { numRuns: 200, seed: 82 },
    );
  });
});
