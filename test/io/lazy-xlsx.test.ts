import { describe, expect, it, vi } from 'vitest';
import { readRosterFile } from '../../src/io/read-roster-file.js';

// Records when the zip and XML readers are first loaded: a CSV check must not pay for them.
const loaded = vi.hoisted(() => [] as string[]);
vi.mock('yauzl', async (importOriginal) => {
  loaded.push('yauzl');
  return importOriginal();
});
vi.mock('saxes', async (importOriginal) => {
  loaded.push('saxes');
  return importOriginal();
});

describe('the .xlsx reader', () => {
  it('is loaded only when an .xlsx is read', async () => {
    const csv = await readRosterFile('test/cli/__fixtures__/small/roster.csv');
    expect(csv.records.length).toBeGreaterThan(0);
    expect(loaded).toEqual([]);
    const xlsx = await readRosterFile('test/io/__fixtures__/calc-long.xlsx');
    expect(xlsx.records.length).toBe(3);
    expect(loaded.sort()).toEqual(['saxes', 'yauzl']);
  });
});
