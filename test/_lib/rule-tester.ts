import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { check } from '../../src/check.js';
import type { Settings } from '../../src/model/config-schema.js';
import type { Violation } from '../../src/report/types.js';

/** A dataset for rule tests: a station with one community and one community officer, unless overridden. */
export function dataset(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    timezone: 'Asia/Shanghai',
    period: { start: '2017-04-03', end: '2017-04-09' },
    units: [
      { id: 'HP', name: '黄浦分局' },
      { id: 'PS1', name: '外滩派出所', parent: 'HP' },
    ],
    communities: [{ id: 'C1', name: '云南中路居委', kind: 'residential', unit: 'PS1' }],
    officers: [{ id: 'O1', name: '张伟', badge: '000001', unit: 'PS1', assignments: [{ community: 'C1', from: '2015-01-01' }] }],
    roster: [],
    ...overrides,
  };
}

/** A residential community of PS1 named `<id>居委`, with `extra` fields. */
export const community = (id: string, extra: Record<string, unknown> = {}) => ({ id, name: `${id}居委`, kind: 'residential', unit: 'PS1', ...extra });

/** An officer of PS1 named `警员<id>` with the given assignments. */
export const officer = (id: string, assignments: unknown[] = []) => ({ id, name: `警员${id}`, unit: 'PS1', assignments });

/** Officer O1 (张伟) of PS1 with `extra` fields, assigned to C1 since 2015 unless `assignments` says otherwise. */
export const officerO1 = (extra: Record<string, unknown>, assignments: unknown[] = [{ community: 'C1', from: '2015-01-01' }]) => ({
  id: 'O1',
  name: '张伟',
  unit: 'PS1',
  assignments,
  ...extra,
});

/** What an invalid case expects of one violation; only the fields given are compared. */
export interface ExpectedViolation {
  messageId: string;
  subject?: Violation['subject'];
  period?: Violation['period'];
  expected?: unknown;
  actual?: unknown;
  severity?: Violation['severity'];
  details?: Record<string, unknown>;
  evidence?: unknown[];
  /**
   * A weighted rule's penalty (Timefold's `penalizesBy`): only the fields given are compared;
   * `cost` is `weight` × `amount`.
   */
  penalty?: { amount?: number; weight?: number; cost?: number };
  /** A substring the message must contain (zh-CN), e.g. a name or a number. */
  messageIncludes?: string;
}

export interface RuleCase {
  name: string;
  dataset: Record<string, unknown>;
  options?: Record<string, unknown>;
  settings?: Settings;
}

export interface InvalidRuleCase extends RuleCase {
  errors: ExpectedViolation[];
}

/**
 * ESLint's RuleTester, for rules of this engine: each valid case yields no violation of the
 * rule, each invalid case exactly the listed violations, in report order. The rule runs alone
 * (`extends: []`), with the case's options and settings, under both evaluators.
 */
export function ruleTester(ruleId: string, cases: { valid: RuleCase[]; invalid: InvalidRuleCase[] }, options: { /** User rule packs the rule comes from. */ rulePacks?: () => readonly string[] } = {}): void {
  const run = async (c: RuleCase, evaluator: 'compiled' | 'json-rules-engine') => {
    const entry = c.options ? ['error', c.options] : 'error';
    const report = await check(c.dataset, {
      config: { extends: [], rules: { [ruleId]: entry }, ...(c.settings ? { settings: c.settings } : {}) },
      evaluator,
      ...(options.rulePacks ? { rulePacks: options.rulePacks() } : {}),
    });
    return report.violations.filter((v) => v.ruleId === ruleId);
  };
  const golden = goldenViolations(ruleId);
  describe(ruleId, () => {
    describe('valid', () => {
      for (const c of cases.valid) {
        it(c.name, async () => {
          const found = await run(c, 'compiled');
          expect(found).toEqual([]);
          golden.compare(c.name, found);
        });
      }
    });
    describe('invalid', () => {
      for (const c of cases.invalid) {
        it(c.name, async () => {
          const found = await run(c, 'compiled');
          expect(found.map(summarize)).toEqual(c.errors.map((e) => expect.objectContaining(withoutMessage(e))));
          c.errors.forEach((e, i) => {
            const v = found[i]!;
            expect(v.message).not.toMatch(/\{\{/);
            if (e.messageIncludes !== undefined) expect(v.message).toContain(e.messageIncludes);
          });
          // The reference evaluator must find the same.
          expect(await run(c, 'json-rules-engine')).toEqual(found);
          golden.compare(c.name, found);
        });
      }
    });
  });
}

function summarize(v: Violation) {
  return { messageId: v.messageId, subject: v.subject, period: v.period, expected: v.expected, actual: v.actual, severity: v.severity, details: v.details, evidence: v.evidence, penalty: v.penalty };
}

function withoutMessage(e: ExpectedViolation) {
  const { messageIncludes: _ignored, evidence, penalty, ...rest } = e;
  return {
    ...rest,
    ...(evidence ? { evidence: expect.arrayContaining(evidence.map((x) => expect.objectContaining(x as object))) } : {}),
    ...(penalty ? { penalty: expect.objectContaining(penalty) } : {}),
  };
}

const GOLDEN_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'rules', '__golden__');

/**
 * The violations every case gave when the rule was recorded (`GOLDEN_UPDATE=1 npm test` writes
 * them), compared byte for byte: a rewrite of a rule's logic (e.g. from a facts module to
 * primitives) must not change one character of the JSON a user sees. New cases are recorded on
 * the next update; a case missing from the file is not compared.
 */
function goldenViolations(ruleId: string) {
  const file = join(GOLDEN_DIR, `${ruleId.replace('/', '__')}.json`);
  const recorded: Record<string, string> = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {};
  const update = process.env.GOLDEN_UPDATE === '1';
  const seen: Record<string, string> = {};
  if (update) {
    afterAll(() => {
      mkdirSync(GOLDEN_DIR, { recursive: true });
      writeFileSync(file, `${JSON.stringify(seen, null, 1)}\n`);
    });
  }
  return {
    compare(name: string, violations: readonly Violation[]) {
      const text = JSON.stringify(violations);
      if (update) seen[name] = text;
      else if (recorded[name] !== undefined) expect(text).toBe(recorded[name]);
    },
  };
}
