import { check } from '../../../src/check.js';
import type { Report } from '../../../src/report/types.js';
import { dataset } from '../../_lib/rule-tester.js';

/** The two rules these tests run, so that rules being added elsewhere do not change them. */
export const SAMPLE_CONFIG = {
  extends: [],
  rules: { 'community-policing/no-daytime-station-duty': 'error', 'community-policing/coverage': 'warn' },
} as const;

/** A daytime station duty of O1 (a community officer of C1): one `no-daytime-station-duty` error per date. */
export const stationDuty = (start: string, end: string) => ({ officer: 'O1', start, end, type: '所内值班' });

/**
 * A week with community C2 unstaffed (a coverage warning) and O1 on daytime station duty on
 * each of `dates` (an error each).
 */
export function sampleDataset(dates: readonly string[] = ['2017-04-05', '2017-04-06']): Record<string, unknown> {
  return dataset({
    communities: [
      { id: 'C1', name: '云南中路居委', kind: 'residential', unit: 'PS1' },
      { id: 'C2', name: '宁波路居委', kind: 'residential', unit: 'PS1' },
    ],
    roster: dates.map((d) => stationDuty(`${d}T09:00`, `${d}T12:00`)),
  });
}

/** The report of {@link sampleDataset}. */
export function sampleReport(dates?: readonly string[], language: 'zh-CN' | 'en' = 'zh-CN'): Promise<Report> {
  return check(sampleDataset(dates), { config: SAMPLE_CONFIG, language });
}
