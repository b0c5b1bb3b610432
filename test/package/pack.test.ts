import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The package as users get it: `npm pack`, unpacked into a throwaway project's node_modules
 * (its dependencies linked from ours, so no network), then imported from ESM and CJS and
 * typechecked against its own .d.ts files.
 */
const root = resolve('.');
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };
let app: string;

const dataset = {
  period: { start: '2017-04-03', end: '2017-04-09' },
  units: [{ id: 'PS1', name: 's' }],
  communities: [{ id: 'C1', name: 'c', kind: 'residential', unit: 'PS1' }],
  officers: [],
};

beforeAll(() => {
  const work = mkdtempSync(join(tmpdir(), 'duty-compliance-pack-'));
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const tarball = join(work, (JSON.parse(out) as { filename: string }[])[0]!.filename);
  app = join(work, 'app');
  const installed = join(app, 'node_modules', 'duty-compliance');
  mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1']);
  for (const dep of Object.keys(pkg.dependencies)) {
    const link = join(app, 'node_modules', dep);
    mkdirSync(join(link, '..'), { recursive: true });
    symlinkSync(join(root, 'node_modules', dep), link, 'dir');
  }
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true }));
  writeFileSync(join(app, 'dataset.json'), JSON.stringify(dataset));
}, 180_000);

const node = (file: string) => execFileSync(process.execPath, [file], { cwd: app, encoding: 'utf8' });

describe('the packed package', () => {
  it('imports from ESM', () => {
    writeFileSync(
      join(app, 'esm.mjs'),
      `import { check, builtInRegistry } from 'duty-compliance';
import { readFileSync } from 'node:fs';
const report = await check(JSON.parse(readFileSync('dataset.json', 'utf8')));
console.log(JSON.stringify({ rules: builtInRegistry().rules.size > 0, coverage: report.summary.byRule['community-policing/coverage'] }));`,
    );
    expect(JSON.parse(node('esm.mjs'))).toEqual({ rules: true, coverage: 1 });
  });

  it('requires from CJS', () => {
    writeFileSync(
      join(app, 'cjs.cjs'),
      `const { check, isDutyComplianceError } = require('duty-compliance');
const data = JSON.parse(require('node:fs').readFileSync('dataset.json', 'utf8'));
check(data).then((r) => check({}).catch((e) => console.log(JSON.stringify({ coverage: r.summary.byRule['community-policing/coverage'], coded: isDutyComplianceError(e) && e.code }))));`,
    );
    expect(JSON.parse(node('cjs.cjs'))).toEqual({ coverage: 1, coded: 'INPUT_INVALID' });
  });

  it('runs its bin', () => {
    const bin = join(app, 'node_modules', 'duty-compliance', 'dist', 'cli.js');
    expect(execFileSync(process.execPath, [bin, '--version'], { encoding: 'utf8' }).trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node')).toBe(true);
  });

  it('ships the dataset JSON Schema under its exports map', () => {
    const resolved = execFileSync(process.execPath, ['-e', "console.log(require.resolve('duty-compliance/dataset.schema.json'))"], { cwd: app, encoding: 'utf8' }).trim();
    expect(JSON.parse(readFileSync(resolved, 'utf8')).$schema).toContain('json-schema.org');
  });

  it('typechecks for ESM and CJS consumers with its declarations', () => {
    const usage = `import { check, type Report, type Violation } from 'duty-compliance';
export async function errors(data: unknown): Promise<number> {
  const report: Report = await check(data, { language: 'en' });
  const first: Violation | undefined = report.violations[0];
  return report.summary.errors + (first ? 0 : 0);
}
// @ts-expect-error: the options are typed
check({}, { language: 'fr' });
`;
    writeFileSync(join(app, 'esm.mts'), usage);
    writeFileSync(join(app, 'cjs.cts'), usage);
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { noEmit: true, strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', skipLibCheck: false, types: [] }, files: ['esm.mts', 'cjs.cts'] }),
    );
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    // Fails the test with tsc's output when a declaration is missing or wrong.
    const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: app, encoding: 'utf8' });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
