import type { ValidateFunction } from 'ajv';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeXlsx } from '../../scripts/_lib/write-xlsx.mjs';
import { checkFiles } from '../../src/check.js';
import { runCliCapturing } from '../_lib/cli.js';
import { sarifValidator } from '../format/_lib/sarif-schema.js';

/** The CLI on rosters as duty offices keep them: workbooks, the wide 排班表, GB18030 CSV. */
const dataset = 'test/cli/__fixtures__/small/dataset.json';
const cli = (...argv: string[]) => runCliCapturing(argv, { cwd: process.cwd() });

const SETTINGS = {
  shiftCodes: {
    白: [
      { start: '08:30', end: '12:00', type: '社区工作', community: 'C1' },
      { start: '13:30', end: '17:00', type: '社区巡查', community: 'C1' },
    ],
    值: [{ start: '08:00', end: '18:00', type: '所内值班' }],
    夜: [{ start: '18:00', end: '08:00', type: '所内值班' }],
    休: [],
  },
};
const RULES = { 'community-policing/no-daytime-station-duty': 'error' };

let dir: string;
let config: string;
let wide: string;
let validateSarif: ValidateFunction;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'duty-compliance-office-'));
  config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify({ extends: [], settings: SETTINGS, rules: RULES }, null, 2));
  wide = join(dir, 'paiban.xlsx');
  await writeXlsx(wide, [
    {
      name: '四月',
      rows: [
        ['外滩派出所 排班表'],
        ['序号', '警号', '姓名', '4月5日', '4月6日', '备注'],
        [null, null, null, '三', '四'],
        // 12345: the badge 012345 typed as a number.
        [1, 12345, '张伟', '值', '白'],
        [2, '012346', '李娜', '白/夜', '休'],
      ],
    },
  ]);
  validateSarif = sarifValidator();
}, 60_000);

describe('check with a wide .xlsx roster', () => {
  it('reports the violation with evidence naming the sheet and cell, the number-typed badge matched', async () => {
    const { code, stdout, stderr } = await cli('check', dataset, '--roster', wide, '--config', config, '--format', 'json');
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.checked.rosterEntries).toBe(1 + 6);
    expect(report.violations.map((v: { ruleId: string; subject: { id: string }; evidence: unknown[] }) => [v.ruleId, v.subject.id, v.evidence])).toEqual([
      [
        'community-policing/no-daytime-station-duty',
        'O1',
        [{ source: 'roster', file: wide, sheet: '四月', line: 4, cell: 'D4', index: 1, officer: 'O1', start: '2017-04-05T08:00', end: '2017-04-05T18:00', type: '所内值班', minutes: 600 }],
      ],
    ]);
    // Key order is the report's: where first (file, sheet, line, cell), then what.
    expect(Object.keys(report.violations[0].evidence[0])).toEqual(['source', 'file', 'sheet', 'line', 'cell', 'index', 'officer', 'start', 'end', 'type', 'minutes']);
  });

  it('points the text, SARIF and GitHub outputs at the cell', async () => {
    const text = await cli('check', dataset, '--roster', wide, '--config', config);
    expect(text.stdout).toContain(`${wide}#四月!D4`);
    const github = await cli('check', dataset, '--roster', wide, '--config', config, '--format', 'github');
    expect(github.stdout.split('\n')[0]).toMatch(/^::error file=.*paiban\.xlsx,line=4,title=community-policing\/no-daytime-station-duty%3A .* \(四月!D4\)::/);
    const sarif = await cli('check', dataset, '--roster', wide, '--config', config, '--format', 'sarif');
    const log = JSON.parse(sarif.stdout);
    expect(validateSarif(log), JSON.stringify(validateSarif.errors)).toBe(true);
    expect(log.runs[0].results[0].locations[0]).toMatchObject({
      physicalLocation: { region: { startLine: 4 } },
      logicalLocations: [{ name: 'D4', fullyQualifiedName: '四月!D4', kind: 'cell' }],
    });
  });

  it('refuses an unknown code (exit 2), naming the file, sheet and cell, the code and the codes known; nothing on stdout', async () => {
    const bad = join(dir, 'bad.xlsx');
    await writeXlsx(bad, [{ name: '四月', rows: [['警号', '4月5日', '4月6日'], ['O1', '早', '值'], ['', '白', '']] }]);
    const { code, stdout, stderr } = await cli('check', dataset, '--roster', `${bad}#四月`, '--config', config, '--format', 'json');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      [
        'duty-compliance: the input cannot be used (2 problems):',
        `  ${bad}#四月!B2: unknown shift code (expected a code of settings.shiftCodes: "白", "值", "夜", "休", found "早")`,
        `  ${bad}#四月!B3: a row with shift codes but no officer (expected the officer's id or badge in column A (警号), found codes "白" and an empty officer cell)`,
        '',
      ].join('\n'),
    );
  });

  it('says so when a number-typed badge matches no badge, even without its leading zeros', async () => {
    const bad = join(dir, 'badge.xlsx');
    await writeXlsx(bad, [{ name: 'S', rows: [['警号', '4月5日'], [99999, '值']] }]);
    const { code, stderr } = await cli('check', dataset, '--roster', bad, '--config', config);
    expect(code).toBe(2);
    expect(stderr).toContain(`${bad}#S!A2 officer: unknown officer (the cell holds a number: a badge typed as a number loses its leading zeros, and no badge matches it with them either) (expected the id or badge of an officer in officers[], found the number 99999)`);
  });
});

describe('checkFiles (the library)', () => {
  it('takes the shift codes from a config object, and tells notes to onNote instead of printing them', async () => {
    const notes: string[] = [];
    const report = await checkFiles(
      { dataset, rosters: [wide, 'test/io/__fixtures__/long-gb18030.csv'] },
      { config: { extends: [], settings: SETTINGS, rules: RULES }, onNote: (n) => notes.push(n) },
    );
    expect(report.violations.map((v) => v.evidence.map((e) => (e.source === 'roster' ? `${e.sheet}!${e.cell}` : '')))).toEqual([['四月!D4']]);
    expect(notes).toEqual(['test/io/__fixtures__/long-gb18030.csv: not UTF-8; read as GB18030 (GBK). Use --encoding to choose another encoding.']);
  });

  it('reports a bad config, not the unknown codes it would cause', async () => {
    const error = await checkFiles({ dataset, rosters: [wide] }, { config: { settings: { shiftCodes: { 白: [{ start: '8', end: '9', type: 'x' }] } } } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CONFIG_INVALID' });
  });
});

describe('check with a long .xlsx roster', () => {
  it('reads it like a CSV: evidence names file, sheet and Excel row', async () => {
    const long = join(dir, 'long.xlsx');
    await writeXlsx(long, [{ name: 'Sheet1', rows: [['警号', '日期', '开始', '结束', '勤务类型'], ['012346', { date: '2017-04-06' }, { time: '09:00' }, { time: '12:00' }, '所内值班']] }]);
    const { code, stdout } = await cli('check', dataset, '--roster', long, '--config', config, '--format', 'json');
    expect(code).toBe(1);
    expect(JSON.parse(stdout).violations[0].evidence).toEqual([
      { source: 'roster', file: long, sheet: 'Sheet1', line: 2, index: 1, officer: 'O2', start: '2017-04-06T09:00', end: '2017-04-06T12:00', type: '所内值班', minutes: 180 },
    ]);
  });
});

describe('check with CSV in other encodings', () => {
  it('reads a GB18030 CSV with a note on stderr naming the file and the encoding', async () => {
    const file = 'test/io/__fixtures__/long-gb18030.csv';
    const { code, stdout, stderr } = await cli('check', dataset, '--roster', file, '--config', config, '--format', 'json');
    expect(stderr).toBe(`duty-compliance: note: ${file}: not UTF-8; read as GB18030 (GBK). Use --encoding to choose another encoding.\n`);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).checked.rosterEntries).toBe(2);
  });

  it('prints no note with --quiet, but still prints errors', async () => {
    const file = 'test/io/__fixtures__/long-gb18030.csv';
    const quiet = await cli('check', dataset, '--roster', file, '--config', config, '--format', 'json', '--quiet');
    expect(quiet.stderr).toBe('');
    expect(quiet.code).toBe(0);
    expect(JSON.parse(quiet.stdout).checked.rosterEntries).toBe(2);
    const failed = await cli('check', dataset, '--roster', 'test/io/__fixtures__/no-such-roster.csv', '--config', config, '--quiet');
    expect(failed.code).toBe(2);
    expect(failed.stderr).toContain('no-such-roster.csv');
  });

  it('reads the encoding --encoding names, and refuses an unknown one as a usage error', async () => {
    const file = 'test/io/__fixtures__/long-big5.csv';
    const { stdout, stderr } = await cli('check', dataset, '--roster', file, '--encoding', 'big5', '--config', config, '--format', 'json');
    expect(stderr).toBe('');
    expect(JSON.parse(stdout).checked.rosterEntries).toBe(2);
    const unknown = await cli('check', dataset, '--roster', file, '--encoding', 'klingon');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--encoding: unknown encoding (expected an encoding name such as utf-8, gb18030, gbk, big5, utf-16le, found klingon)');
    expect((await cli('diff', 'a.json', 'b.json', '--encoding', 'gbk')).stderr).toContain('--encoding: an option of check, not of diff');
  });

  it('refuses a CSV in no known encoding (exit 2) with the offset and line of its first bad byte', async () => {
    const file = join(dir, 'latin.csv');
    writeFileSync(file, Buffer.concat([Buffer.from('officer,date,startTime,endTime,type\nO1,2017-04-05,8:00,9:00,'), Buffer.from([0xff, 0x0a])]));
    const { code, stderr } = await cli('check', dataset, '--roster', file);
    expect(code).toBe(2);
    expect(stderr).toContain(`${file}:2: not valid UTF-8, nor GB18030 (GBK): the first bad byte is at offset 60 (expected a UTF-8 or GB18030 text file, or --encoding NAME, found bytes ff 0a)`);
  });
});

describe('settings.shiftCodes in the config', () => {
  it('is validated like every setting: a bad time, an unknown key, an empty type, a code with a separator, each at its line', async () => {
    const file = join(dir, 'bad.config.json');
    writeFileSync(
      file,
      JSON.stringify(
        {
          settings: {
            shiftCodes: {
              白: [{ start: '8:30', end: '25:00', type: '社区工作' }],
              夜: [{ start: '18:00', end: '08:00', type: ' ', room: 'x' }],
              '白/夜': [],
            },
          },
        },
        null,
        2,
      ),
    );
    const { code, stderr } = await cli('check', dataset, '--config', file);
    expect(code).toBe(2);
    const lines = stderr.split('\n').slice(1, -1).sort();
    expect(lines).toEqual(
      [
        `  ${file}:7:18 settings.shiftCodes["白"][0].end: invalid value (expected a time HH:mm, found "25:00")`,
        `  ${file}:15:19 settings.shiftCodes["夜"][0].type: too small (expected a non-empty string, found " ")`,
        `  ${file}:16:19 settings.shiftCodes["夜"][0].room: unknown key (expected a key this object has (see the docs), found "x")`,
        `  ${file}:19:14 settings.shiftCodes["白/夜"]: invalid value (expected a shift code without spaces, "/" or "、" (they separate the codes of a cell), found [])`,
      ].sort(),
    );
  });
});
