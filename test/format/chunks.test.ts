import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFiles } from '../../src/check.js';
import { FORMATTERS, type FormatContext } from '../../src/format/index.js';
import type { Report, Violation } from '../../src/report/types.js';
import { checkTempFiles, contextFor, withSuppressions } from './_lib/reports.js';

/*
 * Every format gives its text in chunks, which the CLI writes as they are made: joined, they
 * must be the text of format(), and JSON and SARIF stay the text of JSON.stringify(…, null, 2).
 */

const root = mkdtempSync(join(tmpdir(), 'duty-chunks-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const TOKEN = 'duty-compliance-test-token';

function expectChunksAreTheText(report: Report, context: FormatContext): void {
  for (const formatter of FORMATTERS.values()) {
    const chunks = [...formatter.chunks(report, { ...context, stopCommandsToken: TOKEN })];
    expect(chunks.join(''), formatter.name).toBe(formatter.format(report, { ...context, stopCommandsToken: TOKEN }));
  }
  expect(FORMATTERS.get('json')!.format(report, context)).toBe(`${JSON.stringify(report, null, 2)}\n`);
}

/** JSON written as JSON.stringify(…, null, 2) writes it: parsed and written again, the same text. */
function expectStringifyLayout(text: string): void {
  expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
}

describe('Formatter.chunks joined is format()', () => {
  it('on the bundled station fixture, with and without --include subjects, in both languages', async () => {
    const dir = 'fixtures/station-2017-04';
    for (const include of [[], ['subjects'] as const]) {
      for (const language of ['zh-CN', 'en'] as const) {
        const report = await checkFiles({ dataset: `${dir}/dataset.json`, rosters: [`${dir}/roster.csv`, `${dir}/roster-extra.ndjson`] }, { include, language });
        expectChunksAreTheText(report, { language, color: language === 'en', cwd: process.cwd() });
      }
    }
  });

  it('on the formats tests’ report with waivers', async () => {
    const files = await checkTempFiles();
    expectChunksAreTheText(withSuppressions(files.report, (v) => v.severity === 'warning'), contextFor(files));
  });

  describe('on generated city reports with --include subjects, grown to many violations', () => {
    let base: Report;
    let cwd: string;
    beforeAll(async () => {
      cwd = join(root, 'city');
      execFileSync(process.execPath, ['scripts/generate.mjs', '--officers', '60', '--days', '35', '--seed', 'chunks', '--out', cwd, '--quiet']);
      base = await checkFiles(
        { dataset: join(cwd, 'dataset.json'), rosters: [join(cwd, 'roster.ndjson')] },
        { configFile: join(cwd, 'config.json'), include: ['subjects'], language: 'en' },
      );
    });

    /** The city's violations `copies` times over (other subjects), with messages and waivers drawn at random. */
    const grown = (copies: number, message: string, waiveEvery: number, baseline: boolean): Report => {
      const violations: Violation[] = [];
      for (let copy = 0; copy < copies; copy++) {
        for (const v of base.violations) {
          const n = violations.length;
          violations.push({
            ...v,
            subject: { ...v.subject, id: `${v.subject.id}#${copy}` },
            message: n % 7 === 0 ? `${v.message} ${message}` : v.message,
            fingerprint: `${v.fingerprint}${copy}`,
            ...(waiveEvery > 0 && n % waiveEvery === 0 ? { suppression: { justification: message } } : {}),
            ...(baseline ? { baselineState: n % 2 === 0 ? 'new' : 'unchanged' } : {}),
          });
        }
      }
      return { ...base, violations };
    };

    it('the base report: every format, and JSON and SARIF in JSON.stringify layout', () => {
      expect(base.violations.length).toBeGreaterThan(0);
      expect(base.rules.some((r) => (r.judged?.length ?? 0) > 1000)).toBe(true);
      const context: FormatContext = { language: 'en', color: false, cwd };
      expectChunksAreTheText(base, context);
      expectStringifyLayout(FORMATTERS.get('sarif')!.format(base, context));
      // A report this size is written in many pieces.
      expect([...FORMATTERS.get('json')!.chunks(base, context)].length).toBeGreaterThan(10);
    });

    it('random growths of it: chunks joined are format() in every format', () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 60 }), fc.string({ unit: 'grapheme', maxLength: 12 }), fc.nat(6), fc.boolean(), (copies, message, waiveEvery, baseline) => {
          const report = grown(copies, `<&"\n]]>${message}`, waiveEvery, baseline);
          const context: FormatContext = { language: 'en', color: false, cwd };
          expectChunksAreTheText(report, context);
          expectStringifyLayout(FORMATTERS.get('sarif')!.format(report, context));
        }),
        { numRuns: 8 },
      );
    });
  });
});
