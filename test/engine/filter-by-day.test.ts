import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkFiles, type CheckOptions } from '../../src/check.js';
import { filterByDay } from '../../src/engine/declarative/measures.js';
import { DateTracker } from '../../src/engine/declarative/scope.js';
import { cityReport, generateCity } from '../_lib/generated-city.js';

/**
 * A filter of a judged date's rests or entries (`{ "filter": [{ "var": let }, predicate] }`,
 * the let a `rests` or `entries` measure with `startsOn: "subject"`, the predicate reading only
 * the item) is made once per officer, and the dates without a passing item are skipped until
 * the next with one. The report must be the general path's: the built-in daily-rest, and a
 * user's rule over entries, whose predicate reads only the item (fast) or also the date (the
 * general path always), with and without date skipping.
 */
let dir: string;
let pack: string;
beforeAll(() => {
  dir = generateCity('filter-by-day-', 40, 70, '13');
  pack = join(dir, 'local');
  mkdirSync(pack);
  const rule = (id: string, predicate: unknown) => ({
    id: `local/${id}`,
    title: { 'zh-CN': '长时间所内值班', en: 'Long station duty' },
    description: { 'zh-CN': '一日开始的所内值班超过12小时', en: 'Station duty over 12 hours starting on a date' },
    severity: 'warn',
    subjectType: 'officer',
    options: {},
    facts: { longDuties: 'station-duty entries of the date longer than 12 hours' },
    expected: 'longDuties',
    actual: 'longDuties',
    checks: [{ conditions: { all: [{ fact: 'longDuties', operator: 'greaterThan', value: 0 }] }, event: { type: 'violation', params: { messageId: 'long' } } }],
    for: { each: ['officer', 'date'] },
    let: {
      duties: { entries: { categories: ['station-duty'], startsOn: 'subject' } },
      long: { filter: [{ var: 'duties' }, predicate] },
      longDuties: { count: { var: 'long' } },
    },
    evidence: [{ each: { var: 'long' } }],
    messages: { long: { 'zh-CN': '{{start}} 有长时间所内值班', en: 'Long station duty on {{start}}' } },
  });
  const longer = { '>': [{ '-': [{ var: 'item.endInstant' }, { var: 'item.startInstant' }] }, 12 * 3600 * 1000] };
  writeFileSync(join(pack, 'long-station-duty.json'), JSON.stringify(rule('long-station-duty', longer)));
  // The same, also reading the date (always true): the general path, as a control.
  const withDate = { and: [longer, { '!=': [{ var: 'date' }, null] }] };
  writeFileSync(join(pack, 'long-station-duty-dated.json'), JSON.stringify(rule('long-station-duty-dated', withDate)));
  // A records list bound as `officer` may repeat an id (a review found the filter kept by the id then).
  const dataset = JSON.parse(readFileSync(join(dir, 'dataset.json'), 'utf8')) as { officers: { id: string }[]; records?: Record<string, unknown[]> };
  const first = dataset.officers[0]!.id;
  dataset.records = { ...dataset.records, staff: [{ id: first, limit: 60 }, { id: first, limit: 3000 }] };
  writeFileSync(join(dir, 'dataset-staff.json'), JSON.stringify(dataset));
  staffPack = join(dir, 'staff');
  mkdirSync(staffPack);
  writeFileSync(
    join(staffPack, 'short-rest-by-limit.json'),
    JSON.stringify({
      ...JSON.parse(readFileSync(join(pack, 'long-station-duty.json'), 'utf8')),
      id: 'staff/short-rest-by-limit',
      facts: { longDuties: 'rests shorter than the record\'s limit' },
      for: { each: [{ list: 'staff', as: 'officer' }, 'date'] },
      subject: { id: { concat: [{ var: 'officer.id' }, '@', { var: 'officer.limit' }] } },
      let: {
        rests: { rests: { of: { entries: {} }, breakMinutes: 0, startsOn: 'subject' } },
        long: { filter: [{ var: 'rests' }, { '<': [{ var: 'item.minutes' }, { var: 'officer.limit' }] }] },
        longDuties: { count: { var: 'long' } },
      },
    }),
  );
});
let staffPack: string;
afterEach(() => {
  filterByDay.enabled = true;
  DateTracker.skipping = true;
});

const config = { extends: [], rules: { 'working-time/daily-rest': 'error', 'local/long-station-duty': 'warn', 'local/long-station-duty-dated': 'warn' } };
const report = (options: CheckOptions = {}): Promise<string> => cityReport(dir, { rulePacks: [pack], config, configFile: undefined, ...options });

describe('a judged date\'s filter made once per officer', () => {
  for (const skipping of [true, false]) {
    it(`reports what filtering date by date reports (date skipping ${skipping ? 'on' : 'off'})`, async () => {
      DateTracker.skipping = skipping;
      const once = await report();
      filterByDay.enabled = false;
      const dateByDate = await report();
      expect(once).toBe(dateByDate);
      const violations = (JSON.parse(once) as { violations: { ruleId: string }[] }).violations;
      const count = (id: string) => violations.filter((v) => v.ruleId === id).length;
      // Each rule must have found something for the comparison to mean much; the two local rules the same dates.
      expect(count('working-time/daily-rest')).toBeGreaterThan(0);
      expect(count('local/long-station-duty')).toBeGreaterThan(0);
      expect(count('local/long-station-duty')).toBe(count('local/long-station-duty-dated'));
    });
  }
});

describe('a filter that reads the officer', () => {
  it('is asked date by date: two records of one id bound as officer each get their own answer', async () => {
    const staffReport = async () =>
      JSON.stringify(
        await checkFiles(
          { dataset: join(dir, 'dataset-staff.json'), rosters: [join(dir, 'roster.ndjson')] },
          { rulePacks: [staffPack], config: { extends: [], rules: { 'staff/short-rest-by-limit': 'warn' } }, language: 'en' },
        ),
      );
    const once = await staffReport();
    filterByDay.enabled = false;
    expect(once).toBe(await staffReport());
    const ids = (JSON.parse(once) as { violations: { subject: { id: string } }[] }).violations.map((v) => v.subject.id);
    expect(ids.some((id) => id.endsWith('@3000'))).toBe(true);
  });
});
