import { dataset, officerO1, ruleTester } from '../_lib/rule-tester.js';

ruleTester('community-policing/concurrent-community-role', {
  valid: [
    { name: 'partyMember absent: not checked', dataset: dataset() },
    { name: 'partyMember absent with no roles at all: not checked', dataset: dataset({ officers: [officerO1({ communityRoles: [] })] }) },
    { name: 'a Party member who is deputy Party secretary', dataset: dataset({ officers: [officerO1({ partyMember: true, communityRoles: ['deputy-party-secretary'] })] }) },
    { name: 'a non-member who is deputy station head', dataset: dataset({ officers: [officerO1({ partyMember: false, communityRoles: ['deputy-station-head'] })] }) },
    {
      name: 'holding both roles satisfies either case',
      dataset: dataset({ officers: [officerO1({ partyMember: false, communityRoles: ['deputy-party-secretary', 'deputy-station-head'] })] }),
    },
    {
      name: 'not a community officer on the last date (assignment ended the day before)',
      dataset: dataset({ officers: [officerO1({ partyMember: true }, [{ community: 'C1', from: '2015-01-01', to: '2017-04-08' }])] }),
    },
    {
      name: 'not yet a community officer on the last date (assignment starts after it)',
      dataset: dataset({ officers: [officerO1({ partyMember: false }, [{ community: 'C1', from: '2017-04-10' }])] }),
    },
  ],
  invalid: [
    {
      name: 'a Party member without deputy-party-secretary',
      dataset: dataset({ officers: [officerO1({ partyMember: true, communityRoles: ['deputy-station-head'] })] }),
      errors: [
        {
          messageId: 'noDeputyPartySecretary',
          subject: { type: 'officer', id: 'O1' },
          period: undefined,
          severity: 'error',
          details: { missingRole: 'deputy-party-secretary' },
          evidence: [{ source: 'officer', id: 'O1', index: 0, path: 'officers[0]' }],
          messageIncludes: 'O1 (张伟) 未兼任 C1 (云南中路居委) 党组织副书记',
        },
      ],
    },
    {
      name: 'a non-member without deputy-station-head (communityRoles absent)',
      dataset: dataset({ officers: [officerO1({ partyMember: false })] }),
      errors: [{ messageId: 'noDeputyStationHead', subject: { type: 'officer', id: 'O1' }, details: { missingRole: 'deputy-station-head' }, messageIncludes: '综治工作站副站长' }],
    },
    {
      name: 'a community officer only on the last date',
      dataset: dataset({ officers: [officerO1({ partyMember: true }, [{ community: 'C1', from: '2017-04-09', to: '2017-04-09' }])] }),
      errors: [{ messageId: 'noDeputyPartySecretary' }],
    },
    {
      name: 'each officer separately, in id order; the record path is its place in officers[]',
      dataset: dataset({
        communities: [
          { id: 'C1', name: '云南中路居委', kind: 'residential', unit: 'PS1' },
          { id: 'C2', name: '金陵东路居委', kind: 'residential', unit: 'PS1' },
        ],
        officers: [
          { id: 'O2', unit: 'PS1', partyMember: false, communityRoles: ['deputy-party-secretary'], assignments: [{ community: 'C2', from: '2015-01-01' }] },
          { id: 'O1', unit: 'PS1', partyMember: true, assignments: [{ community: 'C1', from: '2015-01-01' }, { community: 'C2', from: '2017-01-01' }] },
        ],
      }),
      errors: [
        { messageId: 'noDeputyPartySecretary', subject: { type: 'officer', id: 'O1' }, evidence: [{ path: 'officers[1]', index: 1 }], messageIncludes: 'C1 (云南中路居委), C2 (金陵东路居委)' },
        { messageId: 'noDeputyStationHead', subject: { type: 'officer', id: 'O2' }, evidence: [{ path: 'officers[0]', index: 0 }] },
      ],
    },
  ],
});
