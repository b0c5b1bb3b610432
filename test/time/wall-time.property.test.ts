import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatWallTime,
  formatWallTimeWithLuxon,
  instantOnDate,
  instantOnDateWithLuxon,
  localDateOf,
  localDateOfWithLuxon,
  localDatesTouched,
  localDatesTouchedWithLuxon,
  parseDateTime,
  parseDateTimeWithLuxon,
} from '../../src/time/wall-time.js';

/**
 * The wall-time fast paths (a per-zone day cache in front of luxon) must agree with luxon
 * alone, everywhere: zones with DST at night or at midnight, half-hour DST, odd offsets,
 * historical changes.
 */
const ZONES = ['Asia/Shanghai', 'America/New_York', 'Europe/London', 'America/Sao_Paulo', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/Havana', 'Pacific/Apia', 'UTC'];

const zone = fc.constantFrom(...ZONES);
// 1970–2040, biased towards DST-change seasons by drawing whole minutes.
const instant = fc.integer({ min: 0, max: 2_208_988_800 }).map((s) => s * 1000 - (s % 60) * 1000);
const date = fc.date({ min: new Date('1970-01-02T00:00:00Z'), max: new Date('2039-12-30T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const pad = (n: number) => String(n).padStart(2, '0');
const localText = fc.tuple(date, fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 }), fc.boolean()).map(([d, h, m, withSeconds]) => `${d}T${pad(h)}:${pad(m)}${withSeconds ? ':00' : ''}`);

describe('wall-time fast paths agree with luxon', () => {
  it('parseDateTime', () => {
    fc.assert(fc.property(zone, localText, (z, text) => {
          expect(parseDateTime(text, z)).toBe(parseDateTimeWithLuxon(text, z));
        }), { numRuns: 3000 });
  });

  it('parseDateTime around DST changes (every quarter hour of the change days)', () => {
    const days = { 'America/New_York': ['2017-03-12', '2017-11-05'], 'Europe/London': ['2017-03-26', '2017-10-29'], 'America/Sao_Paulo': ['2017-10-15', '2018-02-18'], 'Australia/Lord_Howe': ['2017-04-02', '2017-10-01'], 'America/Havana': ['2017-03-12', '2017-11-05'] };
    for (const [z, dates] of Object.entries(days)) {
      for (const d of dates) {
        for (let q = 0; q < 96; q++) {
          const text = `${d}T${pad(Math.floor(q / 4))}:${pad((q % 4) * 15)}`;
          expect(parseDateTime(text, z), `${z} ${text}`).toBe(parseDateTimeWithLuxon(text, z));
        }
      }
    }
  });

  it('formatWallTime and localDateOf', () => {
    fc.assert(
      fc.property(zone, instant, (z, t) => {
        expect(formatWallTime(t, z)).toBe(formatWallTimeWithLuxon(t, z));
        expect(localDateOf(t, z)).toBe(localDateOfWithLuxon(t, z));
      }),
      // Havana repeats midnight when DST ends: the first 00:00 belongs to no day luxon bounds.
      // Apia skipped 2011-12-30 (UTC-10 to UTC+14): its 2011-12-31 was once labelled 2011-12-30.
      { numRuns: 3000, examples: [['America/Havana', 1983412800000], ['Pacific/Apia', 1325239200000], ['Pacific/Apia', 1325325600000]] },
    );
  });

  it('instantOnDate', () => {
    fc.assert(fc.property(zone, date, fc.integer({ min: 0, max: 1440 }), (z, d, m) => {
          expect(instantOnDate(d, m, z)).toBe(instantOnDateWithLuxon(d, m, z));
        }), { numRuns: 3000 });
  });

  it('localDatesTouched', () => {
    fc.assert(
      fc.property(zone, instant, fc.integer({ min: 1, max: 4 * 24 * 60 }), (z, t, minutes) => {
        const end = t + minutes * 60_000;
        expect(localDatesTouched(t, end, z)).toEqual(localDatesTouchedWithLuxon(t, end, z));
      }),
      { numRuns: 2000 },
    );
  });
});
