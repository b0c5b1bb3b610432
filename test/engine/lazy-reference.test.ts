import { describe, expect, it, vi } from 'vitest';
import { check } from '../../src/check.js';
import { dataset } from '../_lib/rule-tester.js';

// Records when json-rules-engine is first loaded: a check with the compiled evaluator must not pay for it.
const loaded = vi.hoisted(() => [] as string[]);
vi.mock('json-rules-engine', async (importOriginal) => {
  loaded.push('json-rules-engine');
  return importOriginal();
});

describe('json-rules-engine', () => {
  it('is loaded only for --evaluator json-rules-engine', async () => {
    const config = { extends: [], rules: { 'community-policing/coverage': 'error' } };
    const compiled = await check(dataset(), { config });
    expect(loaded).toEqual([]);
    const reference = await check(dataset(), { config, evaluator: 'json-rules-engine' });
    expect(loaded).toEqual(['json-rules-engine']);
    expect(reference.violations).toEqual(compiled.violations);
  });
});
