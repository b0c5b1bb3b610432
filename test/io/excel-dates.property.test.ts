import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { excelSerial } from '../../scripts/_lib/write-xlsx.mjs';
import { excelDateText } from '../../src/io/_lib/xlsx-workbook.js';

/**
 * Excel serials from the test writer (days counted with Date.UTC) read back as the same wall
 * time, in both date systems, over two centuries: the reader's epochs and its phantom
 * 1900-02-29 agree with an independent count.
 */
const minute = fc.integer({ min: Date.UTC(1904, 0, 1) / 60_000, max: Date.UTC(2099, 11, 31) / 60_000 }).map((m) => new Date(m * 60_000).toISOString().slice(0, 16));

describe('Excel date cells', () => {
  it('read back every minute of 1904–2099 in the 1900 and 1904 date systems', () => {
    fc.assert(
      fc.property(minute, fc.boolean(), (iso, date1904) => {
        const serial = excelSerial(iso, date1904);
        expect(excelDateText(serial, 'datetime', date1904).text).toBe(iso);
        expect(excelDateText(serial, 'date', date1904).text).toBe(iso.slice(0, 10));
        expect(excelDateText(serial - Math.floor(serial), 'time', date1904).text).toBe(iso.slice(11));
      }),
      { numRuns: 5000, seed: 11 },
    );
  });
});
