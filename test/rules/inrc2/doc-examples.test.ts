/**
 * The example of every inrc2 rule page (docs/rules/inrc2/<rule>.md) is what the engine prints: its
 * first JSON block (the nurses, roster and records) checked with the rule alone, at its default
 * severity, gives exactly the violation blocks after it, and the zh-CN and en messages listed
 * under them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { exampleOf } from '../../_lib/doc-examples.js';
import { check } from '../../../src/check.js';
import { inrc2Dataset } from './_lib/inrc2-dataset.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const DOCS = join(REPO, 'docs/rules/inrc2');


const pages = readdirSync(DOCS).filter((f) => f.endsWith('.md')).sort();

describe('inrc2 rule pages: the examples are what the engine prints', () => {
  it('finds the twelve pages', () => {
    expect(pages).toHaveLength(12);
  });
  for (const page of pages) {
    const rule = page.replace(/\.md$/, '');
    it(rule, async () => {
      const { blocks, zh, en } = exampleOf(join(DOCS, page));
      const [input, ...violations] = blocks as [{ officers: unknown[]; roster: unknown[]; records?: { demands?: unknown[]; offRequests?: unknown[] } }, ...unknown[]];
      expect(violations.length, `${page} shows no violation`).toBeGreaterThan(0);
      const dataset = inrc2Dataset({ nurses: input.officers, roster: input.roster, demands: input.records?.demands ?? [], offRequests: input.records?.offRequests ?? [] });
      const id = `inrc2/${rule}`;
      const { severity } = JSON.parse(readFileSync(join(REPO, 'rules/inrc2', `${rule}.json`), 'utf8')) as { severity: string };
      const config = { extends: [], rules: { [id]: severity } };
      const found = (await check(dataset, { config })).violations;
      expect(found).toEqual(violations);
      const english = (await check(dataset, { config, language: 'en' })).violations;
      expect(zh.slice(0, found.length)).toEqual(found.map((v) => v.message));
      expect(en.slice(0, found.length)).toEqual(english.map((v) => v.message));
    });
  }
});
