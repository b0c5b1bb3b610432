import { describe, expect, it } from 'vitest';
import { check } from '../../src/check.js';
import { validateInput } from '../../src/model/validate-input.js';
import { probePack, probeRule, twoOfficerCity } from '../_lib/probe-pack.js';

/**
 * An officer's entry objects are made from the roster's columns when asked, so one row may be
 * two objects: `==`, `!=`, `in` and `unique` must take two entries of one row as the same.
 * Each probe reports a subject only where that goes wrong.
 */
function rule(name: string, each: unknown[], wrong: unknown) {
  return probeRule(name, {
    facts: { wrong: 'how many comparisons went wrong' },
    checks: [{ conditions: { all: [{ fact: 'wrong', operator: 'greaterThan', value: 0 }] }, event: { type: 'violation', params: { messageId: 'found' } } }],
    for: { each },
    let: { wrong },
    actual: 'wrong',
  });
}
const probes = [
  // The officer's other entries overlapping this one: itself excluded by `!=`.
  rule('overlap', ['entry'], {
    count: {
      filter: [
        { entries: { officer: { var: 'entry.officer' } } },
        { and: [{ '!=': [{ var: 'item' }, { var: 'entry' }] }, { '<': [{ var: 'item.startInstant' }, { var: 'entry.endInstant' }] }, { '>': [{ var: 'item.endInstant' }, { var: 'entry.startInstant' }] }] },
      ],
    },
  }),
  // The entry among every entry of the roster (made apart from the officer's).
  rule('in-any', ['officer', 'entry'], { if: [{ in: [{ var: 'entry' }, { entries: { officer: 'any' } }] }, 0, 1] }),
  rule('equal-first', ['officer', 'entry'], { if: [{ '==': [{ var: 'entry' }, { first: { filter: [{ entries: { officer: 'any' } }, { '==': [{ var: 'item.index' }, { var: 'entry.index' }] }] } }] }, 0, 1] }),
  // Each row once, however many objects it is.
  rule('unique', ['officer'], { '-': [{ size: { unique: { concat: [{ entries: {} }, { filter: [{ entries: { officer: 'any' } }, { '==': [{ var: 'item.officer' }, { var: 'officer.id' }] }] }] } } }, { count: { entries: {} } }] }),
];
const PACK = probePack('duty-compliance-identity-', probes);

const entry = (officer: string, start: string, end: string) => ({ officer, start, end, type: '社区工作', community: 'C1' });

describe('roster entries compared by row', () => {
  it('take two objects of one row as the same entry', async () => {
    const doc = twoOfficerCity([entry('O1', '2017-04-05T08:00', '2017-04-05T12:00'), entry('O1', '2017-04-06T08:00', '2017-04-06T12:00'), entry('O2', '2017-04-05T08:00', '2017-04-05T12:00')], 0);
    const report = await check(doc, { rulePacks: [PACK], config: { extends: [], rules: Object.fromEntries(probes.map((p) => [p.id, 'error'])) } });
    expect(report.checked.rosterEntries).toBe(3);
    expect(report.violations.map((v) => `${v.ruleId} ${v.subject.id} ${v.actual}`)).toEqual([]);
  });

  it('still tell two rows apart', async () => {
    // Two overlapping entries of O1: each counts the other.
    const doc = twoOfficerCity([entry('O1', '2017-04-05T08:00', '2017-04-05T12:00'), entry('O1', '2017-04-05T10:00', '2017-04-05T13:00')], 0);
    const report = await check(doc, { rulePacks: [PACK], config: { extends: [], rules: { 'probe/overlap': 'error' } } });
    expect(report.violations.map((v) => v.actual)).toEqual([1, 1]);
  });
});

describe('an officer id given twice', () => {
  it('still knows the second record badge (the duplicate id is the one problem)', () => {
    const value = twoOfficerCity([{ officer: '222', start: '2017-04-05T08:00', end: '2017-04-05T12:00', type: '社区工作' }], 0) as { officers: Record<string, unknown>[] };
    value.officers = [{ ...value.officers[0], badge: '111' }, { ...value.officers[0], name: '丙', badge: '222' }];
    let problems: { path?: string }[] = [];
    try {
      validateInput({ value, problems: [] });
    } catch (error) {
      problems = (error as { problems: { path?: string }[] }).problems;
    }
    expect(problems.map((p) => p.path)).toEqual(['officers[1].id']);
  });
});
