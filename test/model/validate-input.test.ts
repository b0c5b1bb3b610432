import { describe, expect, it } from 'vitest';
import { isDutyComplianceError, type Problem } from '../../src/errors.js';
import { parseDatasetText } from '../../src/io/read-dataset.js';
import { parseCsvRoster } from '../../src/io/read-csv-roster.js';
import { validateInput } from '../../src/model/validate-input.js';
import { dataset } from '../_lib/rule-tester.js';

/** The problems validation throws for a dataset given as text (so lines are known). */
function problemsOf(value: unknown, rosters: Parameters<typeof validateInput>[1] = []): Problem[] {
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  try {
    validateInput(parseDatasetText(text, 'dataset.json'), rosters);
  } catch (error) {
    if (isDutyComplianceError(error)) {
      expect(error.code).toBe('INPUT_INVALID');
      return error.problems;
    }
    throw error;
  }
  return [];
}

const one = (problems: Problem[], path: string) => {
  const found = problems.filter((p) => p.path === path);
  expect(found, `a problem at ${path} in ${JSON.stringify(problems)}`).toHaveLength(1);
  return found[0]!;
};

describe('validateInput: schema errors', () => {
  it('accepts the base dataset and keeps unknown fields out of the way', () => {
    expect(problemsOf(dataset({ exportedBy: 'system X', officers: [{ id: 'O1', unit: 'PS1', rank: 'x' }] }))).toEqual([]);
  });

  it('reports a missing required field with its path, what was expected and found', () => {
    const p = one(problemsOf(dataset({ communities: [{ id: 'C1', name: 'x', unit: 'PS1' }] })), 'communities[0].kind');
    expect(p).toMatchObject({ file: 'dataset.json', message: 'required field is missing', received: 'nothing' });
    expect(p.expected).toContain('residential');
  });

  it('reports a wrong type', () => {
    const p = one(problemsOf(dataset({ officers: [{ id: 'O1', unit: 'PS1', partyMember: 'yes' }] })), 'officers[0].partyMember');
    expect(p).toMatchObject({ message: 'wrong type', expected: 'boolean', received: '"yes"' });
  });

  it('reports a value outside an enum', () => {
    const p = one(problemsOf(dataset({ communities: [{ id: 'C1', name: 'x', kind: 'town', unit: 'PS1' }] })), 'communities[0].kind');
    expect(p).toMatchObject({ expected: '"residential" | "village"', received: '"town"' });
  });

  it('reports a date that does not exist and a date in the wrong form', () => {
    const problems = problemsOf(dataset({ officers: [{ id: 'O1', unit: 'PS1', assignments: [{ community: 'C1', from: '2017-02-29' }, { community: 'C1', from: '2017/03/01' }] }] }));
    expect(one(problems, 'officers[0].assignments[0].from').received).toBe('"2017-02-29"');
    expect(one(problems, 'officers[0].assignments[1].from').expected).toContain('YYYY-MM-DD');
  });

  it('reports a bad date-time, and an end not after the start', () => {
    const problems = problemsOf(
      dataset({
        roster: [
          { officer: 'O1', start: '2017-04-05 08:00', end: '2017-04-05T12:00', type: '社区工作' },
          { officer: 'O1', start: '2017-04-05T12:00', end: '2017-04-05T12:00', type: '社区工作' },
          { officer: 'O1', start: '2017-04-05T25:00', end: '2017-04-05T26:00', type: '社区工作' },
        ],
      }),
    );
    expect(one(problems, 'roster[0].start').expected).toContain('YYYY-MM-DDTHH:mm');
    expect(one(problems, 'roster[1].end')).toMatchObject({ message: 'the entry ends before or when it starts', received: '"2017-04-05T12:00"' });
    expect(one(problems, 'roster[2].start').message).toBe('invalid date-time');
  });

  it('reports unknown references of every kind', () => {
    const problems = problemsOf(
      dataset({
        units: [{ id: 'PS1', name: 's', parent: 'NOPE' }],
        communities: [{ id: 'C1', name: 'x', kind: 'residential', unit: 'PS9' }],
        officers: [{ id: 'O1', unit: 'PS1', assignments: [{ community: 'C9', from: '2017-01-01' }] }],
        roster: [{ officer: 'O9', start: '2017-04-05T08:00', end: '2017-04-05T12:00', type: '社区工作', community: 'C8' }],
        establishment: [{ unit: 'U9', date: '2017-01-01', communityPosts: 3 }],
        transfers: [{ id: 'T1', officer: 'O8', effectiveDate: '2017-05-01', fromCommunity: 'C7', replacement: { officer: 'O7' } }],
        policeRooms: [{ id: 'R1', communities: ['C6'], independentRoom: true, signage: true, serviceFunctions: true, governanceTheme: true }],
        nonNormalDuty: [{ start: '2017-04-01', end: '2017-04-02', reason: 'x', units: ['U5'] }],
      }),
    );
    for (const path of [
      'units[0].parent',
      'communities[0].unit',
      'officers[0].assignments[0].community',
      'roster[0].officer',
      'roster[0].community',
      'establishment[0].unit',
      'transfers[0].officer',
      'transfers[0].fromCommunity',
      'transfers[0].replacement.officer',
      'policeRooms[0].communities[0]',
      'nonNormalDuty[0].units[0]',
    ]) {
      expect(one(problems, path).message).toMatch(/^unknown /);
    }
  });

  it('reports duplicates: ids, badges, two snapshots of one unit on one date; and a unit cycle', () => {
    const problems = problemsOf(
      dataset({
        units: [
          { id: 'A', name: 'a', parent: 'B' },
          { id: 'B', name: 'b', parent: 'A' },
          { id: 'PS1', name: 's' },
        ],
        officers: [
          { id: 'O1', unit: 'PS1', badge: '1' },
          { id: 'O1', unit: 'PS1', badge: '2' },
          { id: 'O2', unit: 'PS1', badge: '1' },
        ],
        establishment: [
          { unit: 'PS1', date: '2017-01-01', communityPosts: 3 },
          { unit: 'PS1', date: '2017-01-01', communityPosts: 4 },
        ],
      }),
    );
    expect(one(problems, 'officers[1].id').message).toContain('duplicate officer id');
    expect(one(problems, 'officers[2].badge').message).toContain('duplicate badge');
    expect(one(problems, 'establishment[1]').message).toContain('second snapshot');
    expect(one(problems, 'units[0].parent').message).toContain('own ancestor');
  });

  it('a bad field never hides another problem of its element, nor makes its id look unknown', () => {
    const problems = problemsOf(
      dataset({
        communities: [
          { id: 'C1', name: 'x', kind: 'town', unit: 'PS1' },
          { id: 'C2', name: 'y', kind: 'town', unit: 'U9' },
        ],
        officers: [
          { id: 'O1', unit: 'PS1', mobileTerminal: 'yes', assignments: [{ community: 'C1', from: '2017-01-01' }] },
          { id: 'O1', unit: 'PS1', partyMember: 1 },
        ],
        transfers: [{ id: 'T1', officer: 'O1', effectiveDate: '2017-05-01' }],
        roster: [
          { officer: 'O1', start: '2017-04-05T08:00', end: '2017-04-05T12:00', type: '社区工作', community: 'C1' },
          { officer: 'QQ', start: '2017-04-05T08:00', end: '2017-04-05T12:00', community: 'C9' },
        ],
      }),
    );
    expect(problems.map((p) => `${p.path}: ${p.message}`).sort()).toEqual(
      [
        'communities[0].kind: not one of the allowed values',
        'communities[1].kind: not one of the allowed values',
        'communities[1].unit: unknown unit',
        'officers[0].mobileTerminal: wrong type',
        'officers[1].partyMember: wrong type',
        'officers[1].id: duplicate officer id (also officers[0])',
        'roster[1].type: required field is missing',
        'roster[1].officer: unknown officer',
        'roster[1].community: unknown community',
      ].sort(),
    );
  });

  it('reports ranges that end before they start and a bad time zone', () => {
    const problems = problemsOf(
      dataset({
        timezone: 'Mars/Olympus',
        period: { start: '2017-04-09', end: '2017-04-03' },
        officers: [{ id: 'O1', unit: 'PS1', assignments: [{ community: 'C1', from: '2017-04-09', to: '2017-04-03' }] }],
        nonNormalDuty: [{ start: '2017-04-09', end: '2017-04-03', reason: 'x' }],
      }),
    );
    expect(one(problems, 'timezone').expected).toContain('IANA');
    expect(one(problems, 'period.end').message).toContain('ends before');
    expect(one(problems, 'officers[0].assignments[0].to').message).toContain('ends before');
    expect(one(problems, 'nonNormalDuty[0].end').message).toContain('ends before');
  });

  it('requires a period when there is no roster', () => {
    const { period: _p, ...rest } = dataset();
    expect(one(problemsOf(rest), 'period')).toMatchObject({ message: 'a dataset without roster entries needs a check period' });
  });

  it('derives the period from the roster: first start date to last end date', () => {
    const { period: _p, ...rest } = dataset({
      roster: [
        { officer: 'O1', start: '2017-04-05T18:00', end: '2017-04-06T08:00', type: '所内值班' },
        { officer: 'O1', start: '2017-04-03T09:00', end: '2017-04-03T12:00', type: '社区工作' },
      ],
    });
    const input = validateInput(parseDatasetText(JSON.stringify(rest)));
    expect(input.period).toEqual({ start: '2017-04-03', end: '2017-04-06' });
  });

  it('reports every problem at once, each at the line of its JSON path', () => {
    const text = JSON.stringify(dataset({ officers: [{ id: 'O1', unit: 'PS9' }, { unit: 'PS1' }] }), null, 2);
    const problems = problemsOf(text);
    expect(problems.map((p) => p.path)).toEqual(['officers[1].id', 'officers[0].unit']);
    const lines = text.split('\n');
    for (const p of problems) {
      expect(p.line).toBeGreaterThan(0);
      const key = p.path!.split('.').pop()!.replace(/\[\d+\]$/, '');
      // A missing field points at its object; a wrong one at its value.
      expect(lines[p.line! - 1]).toMatch(p.received === 'nothing' ? /\{/ : new RegExp(`"${key}"|PS9`));
    }
  });

  it('reports JSON syntax errors with line and column', () => {
    const problems = problemsOf('{\n  "units": [,\n}');
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatchObject({ file: 'dataset.json', line: 2 });
    expect(problems[0]!.message).toMatch(/^JSON syntax error/);
  });

  it('reports a document that is not an object', () => {
    expect(problemsOf('[]')[0]).toMatchObject({ message: 'wrong type', expected: 'object', received: '[]' });
  });

  it('lists dataset and roster-file problems together, roster ones with file and line', () => {
    const csv = parseCsvRoster('officer,start,end,type\nO9,2017-04-05T08:00,2017-04-05T12:00,社区工作\n', 'r.csv');
    const problems = problemsOf(dataset({ units: [] }), [csv]);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'communities[0].unit' }),
        expect.objectContaining({ file: 'r.csv', line: 2, column: 1, path: 'officer', message: 'unknown officer' }),
      ]),
    );
  });

  it('never lets __proto__ in input reach a prototype: every such key is a located error', () => {
    const text = '{"__proto__": {"polluted": true}, "units": [{"id": "PS1", "name": "s", "__proto__": {"polluted": true}}], "communities": [], "officers": [], "period": {"start": "2017-04-03", "end": "2017-04-03"}}';
    expect(() => validateInput(parseDatasetText(text, 'd.json'))).toThrow(
      expect.objectContaining({
        problems: [
          expect.objectContaining({ file: 'd.json', line: 1, column: 2, path: '__proto__', message: 'a key named "__proto__" is not data' }),
          expect.objectContaining({ file: 'd.json', line: 1, column: 72, path: 'units[0].__proto__', message: 'a key named "__proto__" is not data' }),
        ],
      }),
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('validateInput: roster entries', () => {
  it('resolves an officer by badge, an id winning over a badge', () => {
    const input = validateInput(
      parseDatasetText(
        JSON.stringify(
          dataset({
            officers: [
              { id: 'O1', unit: 'PS1', badge: 'O2' },
              { id: 'O2', unit: 'PS1', badge: '000002' },
            ],
            roster: [
              { officer: 'O2', start: '2017-04-05T08:00', end: '2017-04-05T09:00', type: 'x' },
              { officer: '000002', start: '2017-04-05T08:00', end: '2017-04-05T09:00', type: 'x' },
            ],
          }),
        ),
      ),
    );
    expect(input.roster.map((e) => e.officer)).toEqual(['O2', 'O2']);
  });

  it('converts explicit offsets to local wall time', () => {
    const input = validateInput(parseDatasetText(JSON.stringify(dataset({ roster: [{ officer: 'O1', start: '2017-04-05T00:30Z', end: '2017-04-05T09:00+08:00', type: 'x' }] }))));
    expect(input.roster[0]).toMatchObject({ start: '2017-04-05T08:30', end: '2017-04-05T09:00' });
  });
});

describe('validateInput: a dataset given as an object is held to what a file is', () => {
  const problemsOf = (value: unknown) => {
    try {
      validateInput({ value, problems: [] });
    } catch (error) {
      return (error as { problems: { path?: string; message: string; received?: string }[] }).problems;
    }
    return [];
  };

  it('a __proto__ key, however it got there, is a located error', () => {
    const value = { ...dataset(), units: [JSON.parse('{"id":"PS1","name":"s","__proto__":{"x":1}}') as unknown] };
    expect(problemsOf(value).map((p) => [p.path, p.message])).toEqual([['units[0].__proto__', 'a key named "__proto__" is not data']]);
  });

  it('nesting past the limit and a value that contains itself: located, no stack overflow', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 10_000; i++) deep = [deep];
    const loop: Record<string, unknown> = { id: 'PS1', name: 's' };
    loop.self = loop;
    expect(problemsOf({ ...dataset(), records: { deep }, units: [loop] }).map((p) => [p.path?.slice(0, 21), p.message]).sort()).toEqual([
      ['records.deep[0][0][0]', 'nested deeper than 100 levels'],
      ['units[0].self', 'the value contains itself'],
    ]);
  });

  it('Infinity is shown as Infinity, not null', () => {
    const value = { ...dataset(), establishment: [{ unit: 'PS1', date: '2017-04-01', communityPosts: Infinity }] };
    expect(problemsOf(value)).toEqual([expect.objectContaining({ path: 'establishment[0].communityPosts', received: 'Infinity' })]);
  });
});
