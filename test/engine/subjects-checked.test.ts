import { describe, expect, it } from 'vitest';
import { check } from '../../src/check.js';
import type { Subject } from '../../src/report/types.js';
import { dataset } from '../_lib/rule-tester.js';

describe('check: onSubjectsChecked', () => {
  it('tells each rule that ran every distinct subject it judged, passing ones included', async () => {
    const seen = new Map<string, readonly Subject[]>();
    const report = await check(
      dataset({ communities: [{ id: 'C1', name: 'a', kind: 'residential', unit: 'PS1' }, { id: 'C2', name: 'b', kind: 'residential', unit: 'PS1' }] }),
      {
        config: { extends: [], rules: { 'community-policing/coverage': 'error', 'community-policing/mobile-terminal': 'warn' } },
        onSubjectsChecked: (ruleId, subjects) => seen.set(ruleId, subjects),
      },
    );
    expect(report.violations.map((v) => v.subject.id)).toEqual(['C2']);
    expect(seen.get('community-policing/coverage')).toEqual([
      { type: 'community', id: 'C1' },
      { type: 'community', id: 'C2' },
    ]);
    // mobile-terminal ran: O1 has no mobileTerminal field, so it judged nothing.
    expect([...seen.keys()].sort()).toEqual(['community-policing/coverage', 'community-policing/mobile-terminal']);
  });
});
