import { linkSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCliCapturing } from '../_lib/cli.js';
import { dataset } from '../_lib/rule-tester.js';
import { COVERAGE, DAYTIME_DUTY, ROSTER_CSV, TWO_COMMUNITIES } from '../format/_lib/reports.js';

/** Every output that resolves to an input is refused (exit 2) and nothing is written. */

let dir: string;
let files: Record<'dataset' | 'roster' | 'config' | 'waivers' | 'baseline', string>;
let before: Map<string, string>;

const WAIVERS = 'waivers:\n  - ruleId: community-policing/no-daytime-station-duty\n    subject: { type: officer, id: O1 }\n    reason: agreed\n    owner: duty office\n    expires: 2099-12-31\n';

beforeEach(async () => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'duty-outputs-')));
  files = {
    dataset: join(dir, 'dataset.json'),
    roster: join(dir, 'roster.csv'),
    config: join(dir, 'config.json'),
    waivers: join(dir, 'waivers.yaml'),
    baseline: join(dir, 'baseline.json'),
  };
  writeFileSync(files.dataset, JSON.stringify(dataset({ communities: TWO_COMMUNITIES })));
  writeFileSync(files.roster, ROSTER_CSV);
  writeFileSync(files.config, JSON.stringify({ extends: [], rules: { [COVERAGE]: 'warn', [DAYTIME_DUTY]: 'error' } }));
  writeFileSync(files.waivers, WAIVERS);
  expect((await check('--write-baseline', files.baseline)).code).not.toBe(2);
  before = snapshot();
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Every file in the directory and its content. */
function snapshot(): Map<string, string> {
  return new Map(readdirSync(dir).map((f) => [f, lstatSync(join(dir, f)).isFile() ? readFileSync(join(dir, f), 'utf8') : '(not a file)']));
}

const cli = (...args: string[]) => runCliCapturing(args, { cwd: dir, now: () => new Date('2026-06-01T04:00:00Z') });
const check = (...args: string[]) => cli('check', files.dataset, '--roster', files.roster, '--config', files.config, ...args);

async function expectRefused(run: Promise<{ code: number; stdout: string; stderr: string }>, option: string, input: string): Promise<void> {
  const { code, stdout, stderr } = await run;
  expect([code, stdout]).toEqual([2, '']);
  expect(stderr).toMatch(new RegExp(` ${option}: would replace an input of this run \\(${input.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\)`));
  expect(snapshot()).toEqual(before);
}

describe('an output that resolves to an input is refused, nothing written', () => {
  it('--output naming the dataset, as given', () => expectRefused(check('--format', 'json', '--output', files.dataset), '--output', `the dataset ${files.dataset}`));

  it('--output naming the roster through ./x/../ and a relative spelling', async () => {
    mkdirSync(join(dir, 'x'));
    before = snapshot();
    await expectRefused(check('--format', 'sarif', '--output', './x/../roster.csv'), '--output', `--roster ${files.roster}`);
  });

  it('--output through a symbolic link to the config', async () => {
    symlinkSync(files.config, join(dir, 'report.json'));
    before = snapshot();
    await expectRefused(check('--format', 'json', '--output', 'report.json'), '--output', `--config ${files.config}`);
  });

  it('--output naming a hard link of the roster (same device and inode)', async () => {
    linkSync(files.roster, join(dir, 'report.txt'));
    before = snapshot();
    await expectRefused(check('--output', 'report.txt'), '--output', `--roster ${files.roster}`);
  });

  it('--output naming the waivers file, and --write-baseline naming the baseline', async () => {
    const { code, stdout, stderr } = await check('--waivers', files.waivers, '--baseline', files.baseline, '--format', 'json', '--output', files.waivers, '--write-baseline', files.baseline);
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toContain(`${files.waivers} --output: would replace an input of this run (--waivers ${files.waivers})`);
    expect(stderr).toContain(`${files.baseline} --write-baseline: would replace an input of this run (--baseline ${files.baseline})`);
    expect(snapshot()).toEqual(before);
  });

  it('--write-baseline naming the default config file of the working directory', async () => {
    const config = join(dir, 'duty-compliance.config.json');
    writeFileSync(config, readFileSync(files.config));
    before = snapshot();
    const { code, stderr } = await cli('check', files.dataset, '--roster', files.roster, '--write-baseline', 'duty-compliance.config.json');
    expect(code).toBe(2);
    expect(stderr).toContain(`would replace an input of this run (--config ${config})`);
    expect(snapshot()).toEqual(before);
  });

  it('diff --output naming one of the two reports', async () => {
    await check('--format', 'json', '--output', 'a.json', '--fail-on', 'never');
    before = snapshot();
    await expectRefused(cli('diff', join(dir, 'a.json'), join(dir, 'a.json'), '--output', 'a.json'), '--output', `the report ${join(dir, 'a.json')}`);
  });

  it('--prune-waivers still rewrites the waivers file it was given', async () => {
    writeFileSync(files.waivers, `${WAIVERS}  - ruleId: community-policing/coverage\n    subject: { type: community, id: C9 }\n    reason: unused\n    owner: o\n    expires: 2099-12-31\n`);
    const { code, stderr } = await check('--waivers', files.waivers, '--prune-waivers');
    expect(stderr).not.toContain('cannot be used');
    expect(code).not.toBe(2);
    expect(stderr).toContain('removed 1 unused waiver');
    expect(readFileSync(files.waivers, 'utf8')).toBe(WAIVERS);
  });
});

describe('symbolic links as outputs are written through (docs/ci.md)', () => {
  it('replaces the file the link points to; the link stays a link', async () => {
    mkdirSync(join(dir, 'reports'));
    writeFileSync(join(dir, 'reports', 'latest.json'), 'old');
    symlinkSync(join(dir, 'reports', 'latest.json'), join(dir, 'report.json'));
    const { code, stderr } = await check('--format', 'json', '--output', 'report.json');
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(lstatSync(join(dir, 'report.json')).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'reports', 'latest.json'), 'utf8'))).toHaveProperty('violations');
    expect(readdirSync(join(dir, 'reports'))).toEqual(['latest.json']);
  });

  it('refuses a link to a file that does not exist', async () => {
    symlinkSync(join(dir, 'nowhere', 'r.json'), join(dir, 'report.json'));
    before = snapshot();
    const { code, stdout, stderr } = await check('--format', 'json', '--output', 'report.json');
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toContain(`${join(dir, 'report.json')} --output: is a symbolic link to a file that does not exist`);
    expect(snapshot()).toEqual(before);
  });
});

describe('devices and FIFOs as outputs are written in place', () => {
  it('--output /dev/null discards the report and leaves /dev/null a device', async () => {
    const { code, stdout, stderr } = await check('--format', 'json', '--output', '/dev/null', '--format', 'text');
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(stdout).toContain('community-policing/');
    expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(readdirSync('/dev').filter((f) => f.startsWith('.null.'))).toEqual([]);
  });
});

describe('several outputs: all or nothing', () => {
  it('a second target that cannot be written leaves the first as it was', async () => {
    writeFileSync(join(dir, 'a.json'), 'previous');
    mkdirSync(join(dir, 'b.sarif'));
    before = snapshot();
    const { code, stdout, stderr } = await check('--format', 'json', '--output', 'a.json', '--format', 'sarif', '--output', 'b.sarif');
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toContain(`${join(dir, 'b.sarif')} --output: is a directory`);
    expect(snapshot()).toEqual(before);
  });
});
