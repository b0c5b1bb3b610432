import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROJECT_URL, ruleDocUrl } from '../../src/format/_lib/rule-docs.js';
import { builtInRegistry } from '../../src/rules/index.js';

describe('ruleDocUrl', () => {
  it('points at docs/rules/<name>.md for community-policing and docs/rules/<pack>/<name>.md for the other packs', () => {
    expect(ruleDocUrl('community-policing/coverage')).toBe(`${PROJECT_URL}/blob/main/docs/rules/coverage.md`);
    expect(ruleDocUrl('working-time/daily-rest')).toBe(`${PROJECT_URL}/blob/main/docs/rules/working-time/daily-rest.md`);
  });

  it('names a page that exists for every built-in community-policing and working-time rule', () => {
    for (const id of builtInRegistry().rules.keys()) {
      if (!id.startsWith('community-policing/') && !id.startsWith('working-time/')) continue;
      const page = ruleDocUrl(id).slice(`${PROJECT_URL}/blob/main/`.length);
      expect(existsSync(page), page).toBe(true);
    }
  });
});
