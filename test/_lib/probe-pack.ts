import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { dataset } from './rule-tester.js';

/**
 * A probe rule of the `probe` pack: what every rule file needs (id, title, description,
 * severity, an officer subject, one message showing the actual value), with `body` on top
 * (facts, checks, for, let, evidence, options…).
 */
export function probeRule(name: string, body: Record<string, unknown>): { id: string } & Record<string, unknown> {
  return {
    id: `probe/${name}`,
    title: { 'zh-CN': name, en: name },
    description: { 'zh-CN': name, en: name },
    severity: 'error',
    subjectType: 'officer',
    messages: { found: { 'zh-CN': '{{actual}}', en: '{{actual}}' } },
    ...body,
  };
}

/** Writes the rules as the `probe` pack in a new temporary folder, removed after the test file; its path. Call at a test file's top level. */
export function probePack(prefix: string, rules: readonly ({ id: string } & Record<string, unknown>)[]): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const pack = join(root, 'probe');
  mkdirSync(pack);
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  for (const r of rules) writeFileSync(join(pack, `${r.id.slice('probe/'.length)}.json`), JSON.stringify(r));
  return pack;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A dataset for random rosters over 2017-04-03 – 04-16: PS1's two officers, O1 assigned to C1
 * from the period's day `from`, O2 to C2 until it, and a non-normal duty period of PS1 that
 * moves with `from`; `extra` adds or replaces fields (a calendar).
 */
export function twoOfficerCity(roster: unknown[], from: number, extra: Record<string, unknown> = {}): ReturnType<typeof dataset> {
  return dataset({
    period: { start: '2017-04-03', end: '2017-04-16' },
    communities: [
      { id: 'C1', name: 'C1居委', kind: 'residential', unit: 'PS1' },
      { id: 'C2', name: 'C2居委', kind: 'residential', unit: 'PS1' },
    ],
    officers: [
      { id: 'O1', name: '甲', unit: 'PS1', assignments: [{ community: 'C1', from: `2017-04-${pad(3 + from)}` }] },
      { id: 'O2', name: '乙', unit: 'PS1', assignments: [{ community: 'C2', from: '2015-01-01', to: `2017-04-${pad(3 + from)}` }] },
    ],
    // PS1's non-normal duty: on the days it covers, `nonNormalDuty` holds for both officers.
    nonNormalDuty: [{ start: `2017-04-${pad(3 + ((from * 5) % 14))}`, end: `2017-04-${pad(3 + ((from * 5) % 14) + (from % 3))}`, reason: '演练', units: ['PS1'] }],
    roster,
    ...extra,
  });
}
