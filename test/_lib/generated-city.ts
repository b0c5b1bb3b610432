import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkFiles, type CheckOptions } from '../../src/check.js';

/** A city made by scripts/generate.mjs in a new temporary folder (its dataset, NDJSON roster and config). */
export function generateCity(prefix: string, officers: number, days: number, seed: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  execFileSync(process.execPath, ['scripts/generate.mjs', '--officers', String(officers), '--days', String(days), '--seed', seed, '--out', dir], { stdio: 'ignore' });
  return dir;
}

/** The JSON text of the English report of a generated city's NDJSON roster, with its config and `options`. */
export async function cityReport(dir: string, options: CheckOptions): Promise<string> {
  const report = await checkFiles({ dataset: join(dir, 'dataset.json'), rosters: [join(dir, 'roster.ndjson')] }, { configFile: join(dir, 'config.json'), language: 'en', ...options });
  return JSON.stringify(report);
}
