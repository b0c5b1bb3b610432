import { mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkFiles } from '../../../src/check.js';
import type { FormatContext } from '../../../src/format/formatter.js';
import type { Language, Report, Violation } from '../../../src/report/types.js';
import { dataset } from '../../_lib/rule-tester.js';

export const COVERAGE = 'community-policing/coverage';
export const DAYTIME_DUTY = 'community-policing/no-daytime-station-duty';

/** Two communities of PS1: C1 with officer O1 (the test dataset's), C2 with none, which `coverage` finds. */
export const TWO_COMMUNITIES = [
  { id: 'C1', name: '云南中路居委', kind: 'residential', unit: 'PS1' },
  { id: 'C2', name: '宁波路居委', kind: 'residential', unit: 'PS1' },
];

/**
 * A roster CSV whose second row's note spans two lines, so the third row starts on line 5:
 * the daytime station duty of O1 on 04-05 (line 2) and 04-07 (line 5), and a night duty.
 */
export const ROSTER_CSV = [
  'officer,start,end,type,note',
  'O1,2017-04-05T08:00,2017-04-05T18:00,所内值班,',
  'O1,2017-04-06T18:00,2017-04-07T08:00,所内值班,"night, then',
  'a second line"',
  'O1,2017-04-07T09:00,2017-04-07T12:00,所内值班,',
  '',
].join('\n');

export interface CheckedFiles {
  report: Report;
  /** A temporary directory holding `dataset.json` and the roster file; the formats' cwd. */
  dir: string;
  dataset: string;
  rosters: string[];
  language: Language;
}

/**
 * Checks a small dataset and roster file written to a temp dir (absolute paths, as a CLI user
 * outside the directory would give them): `no-daytime-station-duty` (error) finds the CSV rows,
 * `coverage` (warn) finds community C2 without officers (evidence in the dataset only).
 */
export async function checkTempFiles(options: { language?: Language; rosterName?: string; roster?: string } = {}): Promise<CheckedFiles> {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'duty-format-')));
  const datasetFile = join(dir, 'dataset.json');
  const rosterFile = join(dir, options.rosterName ?? 'roster.csv');
  const data = dataset({ communities: TWO_COMMUNITIES });
  writeFileSync(datasetFile, JSON.stringify(data, null, 2));
  writeFileSync(rosterFile, options.roster ?? ROSTER_CSV);
  const language = options.language ?? 'zh-CN';
  const report = await checkFiles(
    { dataset: datasetFile, rosters: [rosterFile] },
    { config: { extends: [], rules: { [COVERAGE]: 'warn', [DAYTIME_DUTY]: 'error' } }, language },
  );
  return { report, dir, dataset: datasetFile, rosters: [rosterFile], language };
}

/** The format context the CLI would build for these files. */
export function contextFor(files: CheckedFiles, overrides: Partial<FormatContext> = {}): FormatContext {
  return { language: files.language, color: false, cwd: files.dir, ...overrides };
}

/** The report with a waiver on every violation `which` picks. */
export function withSuppressions(report: Report, which: (v: Violation) => boolean, justification = '已报分局批准 / approved by the district bureau'): Report {
  return { ...report, violations: report.violations.map((v) => (which(v) ? { ...v, suppression: { justification } } : v)) };
}
