import { describe, expect, it } from 'vitest';
import { dependenciesOf, dependsOnlyOn, entryFieldsRead } from '../../src/engine/declarative/_lib/dependencies.js';

/**
 * What an expression reads of its subject decides whether an `entries` measure is computed once
 * per officer; a dependency missed here would share one subject's value with another.
 */
describe('dependenciesOf', () => {
  const lets = new Set(['holding', 'short']);
  it.each([
    [{ '==': [{ var: 'entry.community' }, null] }, ['entry']],
    [{ option: 'maxCommunities' }, []],
    [{ setting: 'workingTime.countsAsWork' }, []],
    [{ exists: { var: 'holding' } }, ['let']],
    [{ day: 'workingDay' }, ['date', 'officer']],
    [{ someDay: { day: 'communityOfficer' } }, ['dates', 'date', 'officer']],
    [{ countDays: true }, ['dates']],
    [{ exists: { assignments: { officer: { var: 'officer.id' }, community: { var: 'entry.community' }, on: { var: 'date' } } } }, ['officer', 'entry', 'date']],
    [{ count: { entries: { categories: ['community'] } } }, ['officer']],
    [{ count: { entries: { categories: ['community'], startsOn: 'subject' } } }, ['officer', 'dates']],
    [{ rests: { of: { entries: {} }, breakMinutes: 0 } }, ['officer']],
    [{ rests: { of: { entries: {} }, breakMinutes: 0, startsOn: 'subject' } }, ['officer', 'dates']],
    [{ entries: 'not an object' }, ['officer', 'dates']],
    [{ filter: [{ var: 'short' }, { '<': [{ var: 'item.minutes' }, 3] }] }, ['let', 'item']],
    [{ var: 'checkPeriod.start' }, ['checkPeriod']],
  ])('%j reads %j', (expr, expected) => {
    expect([...dependenciesOf(expr, lets)].sort()).toEqual([...expected].sort());
  });

  it('dependsOnlyOn', () => {
    expect(dependsOnlyOn(new Set(['entry']), ['entry', 'officer'])).toBe(true);
    expect(dependsOnlyOn(new Set(['entry', 'date']), ['entry', 'officer'])).toBe(false);
    expect(dependsOnlyOn(new Set(), [])).toBe(true);
  });
});

/** A cell table asks `entryWhere` once per date for the entries that agree on the one field it reads; a field missed would share one entry's answer with another. */
describe('entryFieldsRead', () => {
  it.each([
    [{ '==': [{ var: 'entry.community' }, null] }, ['community']],
    [{ or: [{ '==': [{ var: 'entry.community' }, null] }, { exists: { assignments: { officer: { var: 'officer.id' }, community: { var: 'entry.community' }, on: { var: 'date' } } } }] }, ['community']],
    [{ and: [{ '==': [{ var: 'entry.type' }, '社区工作'] }, { '!=': [{ var: 'entry.attributes.kind' }, 'x'] }] }, ['attributes', 'type']],
    [{ day: 'workingDay' }, []],
    [{ var: 'officer.id' }, []],
  ])('%j reads %j of the entry', (expr, expected) => {
    expect(entryFieldsRead(expr)).toEqual(expected);
  });

  it.each([[{ var: 'entry' }], [{ minutes: { of: [{ var: 'entry' }], within: 'day' } }], [{ '==': [{ var: 'entry.' }, 1] }]])('%j may read all of the entry', (expr) => {
    expect(entryFieldsRead(expr)).toBeUndefined();
  });
});
