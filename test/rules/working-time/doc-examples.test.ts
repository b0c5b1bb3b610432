/**
 * The example of every working-time rule page (docs/rules/working-time/<rule>.md) is what the
 * engine prints: its first JSON block (the roster, and a period where it gives one, over the
 * RuleTester's dataset) checked with the rule alone at its default severity gives exactly the
 * violation blocks after it, and the zh-CN and en messages listed under them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { exampleOf } from '../../_lib/doc-examples.js';
import { check } from '../../../src/check.js';
import { dataset } from '../../_lib/rule-tester.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const DOCS = join(REPO, 'docs/rules/working-time');


const pages = readdirSync(DOCS).filter((f) => f.endsWith('.md')).sort();

describe('working-time rule pages: the examples are what the engine prints', () => {
  it('finds the three pages', () => {
    expect(pages).toEqual(['consecutive-workdays.md', 'daily-rest.md', 'weekly-hours.md']);
  });
  for (const page of pages) {
    const rule = page.replace(/\.md$/, '');
    it(rule, async () => {
      const { blocks, zh, en } = exampleOf(join(DOCS, page));
      const [input, ...violations] = blocks as [Record<string, unknown>, ...unknown[]];
      expect(violations.length, `${page} shows no violation`).toBeGreaterThan(0);
      const id = `working-time/${rule}`;
      const { severity } = JSON.parse(readFileSync(join(REPO, 'rules/working-time', `${rule}.json`), 'utf8')) as { severity: string };
      const config = { extends: [], rules: { [id]: severity } };
      const found = (await check(dataset(input), { config })).violations;
      expect(found).toEqual(violations);
      const english = (await check(dataset(input), { config, language: 'en' })).violations;
      expect(zh).toEqual(found.map((v) => v.message));
      expect(en).toEqual(english.map((v) => v.message));
    });
  }
});
