import { describe, expect, it } from 'vitest';
import { check } from '../../src/check.js';
import { probePack, probeRule } from '../_lib/probe-pack.js';
import { dataset } from '../_lib/rule-tester.js';

/**
 * An `entries` measure is computed once per officer only when its filter reads nothing of the
 * subject but the entry and the officer. Here one filter reads the subject's `date`, one a `let`
 * value, and one only the entry: each date must get its own answer from the first two.
 */
function rule(name: string, where: unknown, lets: Record<string, unknown> = {}) {
  return probeRule(name, {
    options: {},
    facts: { matching: 'entries the filter keeps' },
    checks: [{ conditions: { all: [{ fact: 'matching', operator: 'greaterThan', value: 0 }] }, event: { type: 'violation', params: { messageId: 'found' } } }],
    for: { each: ['officer', 'date'] },
    let: { ...lets, matching: { count: { entries: { where } } } },
    actual: 'matching',
  });
}

const PACK = probePack('duty-compliance-entries-', [
  rule('by-date', { '==': [{ var: 'entry.note' }, { var: 'date' }] }),
  rule('by-let', { '==': [{ var: 'entry.note' }, { var: 'today' }] }, { today: { var: 'date' } }),
  rule('by-entry', { '==': [{ var: 'entry.note' }, '2017-04-06'] }),
  // A records list bound as `officer` may repeat an id: each record's own `limit`.
  probeRule('by-record', {
    options: {},
    facts: { matching: 'entries the filter keeps' },
    checks: [{ conditions: { all: [{ fact: 'matching', operator: 'greaterThan', value: 0 }] }, event: { type: 'violation', params: { messageId: 'found' } } }],
    for: { each: [{ list: 'staff', as: 'officer' }] },
    subject: { id: { concat: [{ var: 'officer.id' }, '@', { var: 'officer.limit' }] } },
    let: { matching: { count: { entries: { where: { '<': [0, { var: 'officer.limit' }] } } } } },
    actual: 'matching',
  }),
  // The same for what else is kept per officer: its rests, and its cells of half-day windows.
  probeRule('rests-by-record', {
    options: {},
    facts: { matching: 'rests' },
    checks: [{ conditions: { all: [{ fact: 'matching', operator: 'greaterThan', value: 0 }] }, event: { type: 'violation', params: { messageId: 'found' } } }],
    for: { each: [{ list: 'staff', as: 'officer' }] },
    subject: { id: { concat: [{ var: 'officer.id' }, '@', { var: 'officer.limit' }] } },
    let: { matching: { count: { rests: { of: { entries: {} }, breakMinutes: { var: 'officer.limit' } } } } },
    actual: 'matching',
  }),
  probeRule('windows-by-record', {
    options: {},
    facts: { matching: 'half-day windows' },
    checks: [{ conditions: { all: [{ fact: 'matching', operator: 'greaterThan', value: 0 }] }, event: { type: 'violation', params: { messageId: 'found' } } }],
    for: { each: [{ list: 'staff', as: 'officer' }, 'isoWeek'] },
    subject: { id: { concat: [{ var: 'officer.id' }, '@', { var: 'officer.limit' }] } },
    let: {
      matching: {
        windows: { of: { entries: {} }, within: { setting: 'halfDayWindows' }, entryWhere: { '<': [0, { var: 'officer.limit' }] }, atLeast: 60 },
      },
    },
    actual: 'matching',
  }),
]);

// Entries noting a date: one notes 04-04, two note 04-06.
const roster = [
  { officer: 'O1', start: '2017-04-03T08:00', end: '2017-04-03T12:00', type: '社区工作', note: '2017-04-04' },
  { officer: 'O1', start: '2017-04-03T13:00', end: '2017-04-03T17:00', type: '社区工作', note: '2017-04-06' },
  { officer: 'O1', start: '2017-04-05T08:00', end: '2017-04-05T12:00', type: '社区工作', note: '2017-04-06' },
];

describe('entries measure: computed once per officer only when the subject cannot change it', () => {
  it.each(['by-date', 'by-let'])('%s: each date counts the entries noting it', async (name) => {
    const report = await check(dataset({ roster }), { rulePacks: [PACK], config: { extends: [], rules: { [`probe/${name}`]: 'error' } } });
    expect(report.violations.map((v) => [v.period?.start, v.actual])).toEqual([
      ['2017-04-04', 1],
      ['2017-04-06', 2],
    ]);
  });

  it('by-entry: the same count on every date of the week', async () => {
    const report = await check(dataset({ roster }), { rulePacks: [PACK], config: { extends: [], rules: { 'probe/by-entry': 'error' } } });
    expect(report.violations.map((v) => [v.period?.start, v.actual])).toEqual(
      ['2017-04-03', '2017-04-04', '2017-04-05', '2017-04-06', '2017-04-07', '2017-04-08', '2017-04-09'].map((d) => [d, 2]),
    );
  });

  it('by-record: two records of one id bound as officer each get their own answer', async () => {
    const staff = [{ id: 'O1', limit: 0 }, { id: 'O1', limit: 5 }, { id: 'O1', limit: 0 }];
    const report = await check(dataset({ roster, records: { staff } }), { rulePacks: [PACK], config: { extends: [], rules: { 'probe/by-record': 'error' } } });
    expect(report.violations.map((v) => [v.subject.id, v.actual])).toEqual([['O1@5', 3]]);
  });

  it('rests and half-day windows: each record of one id bound as officer gets its own', async () => {
    const staff = [{ id: 'O1', limit: 0 }, { id: 'O1', limit: 120 }, { id: 'O1', limit: 0 }];
    const run = async (name: string) =>
      (await check(dataset({ roster, records: { staff } }), { rulePacks: [PACK], config: { extends: [], rules: { [`probe/${name}`]: 'error' } } })).violations.map((v) => [
        v.subject.id,
        v.actual,
      ]);
    // Apart by 60 minutes and by two days: merged into one duty period with a 120-minute break.
    expect(await run('rests-by-record')).toEqual([['O1@0', 2], ['O1@0', 2], ['O1@120', 1]]);
    expect(await run('windows-by-record')).toEqual([['O1@120', 3]]);
  });
});
