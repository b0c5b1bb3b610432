import { describe, it } from 'vitest';
import { ruleTester } from '../../_lib/rule-tester.js';
import { date, entryEvidence, expectEvidence, inrc2Dataset, nurse, shift } from './_lib/inrc2-dataset.js';

const RULE = 'inrc2/required-skill';
const nurses = [nurse('Patrick', { skills: ['HeadNurse', 'Nurse'] }), nurse('Sara', { contract: 'PartTime', skills: ['Nurse'] })];

ruleTester(RULE, {
  valid: [
    { name: 'no roster at all', dataset: inrc2Dataset({ nurses }) },
    {
      name: 'every assignment with a skill the nurse has',
      dataset: inrc2Dataset({ nurses, roster: [shift('Patrick', 0, 'Early', 'HeadNurse'), shift('Patrick', 1, 'Early', 'Nurse'), shift('Sara', 0, 'Late', 'Nurse')] }),
    },
  ],
  invalid: [
    {
      name: 'a nurse without HeadNurse assigned as HeadNurse: H4 count 1, the entry as evidence',
      dataset: inrc2Dataset({ nurses, roster: [shift('Sara', 0, 'Late', 'Nurse'), shift('Sara', 1, 'Late', 'HeadNurse')] }),
      errors: [
        {
          messageId: 'missingSkill',
          subject: { type: 'officer', id: 'Sara' },
          period: { start: '2024-01-02', end: '2024-01-02' },
          actual: 'HeadNurse',
          penalty: { amount: 1, weight: 1, cost: 1 },
          evidence: [{ source: 'roster', index: 1, officer: 'Sara', type: 'Late', start: '2024-01-02T14:00' }],
          messageIncludes: '护士 Sara 在 2024-01-02 以不具备的技能 HeadNurse 上 Late 班',
        },
      ],
    },
    {
      name: 'each such assignment counts once',
      dataset: inrc2Dataset({ nurses, roster: [shift('Sara', 4, 'Night', 'HeadNurse'), shift('Sara', 5, 'Night', 'HeadNurse'), shift('Patrick', 5, 'Early', 'Trainee')] }),
      errors: [
        { messageId: 'missingSkill', subject: { type: 'officer', id: 'Patrick' }, period: { start: date(5), end: date(5) }, actual: 'Trainee', penalty: { amount: 1 } },
        { messageId: 'missingSkill', subject: { type: 'officer', id: 'Sara' }, period: { start: date(4), end: date(4) }, actual: 'HeadNurse', penalty: { amount: 1 } },
        { messageId: 'missingSkill', subject: { type: 'officer', id: 'Sara' }, period: { start: date(5), end: date(5) }, actual: 'HeadNurse', penalty: { amount: 1 } },
      ],
    },
    {
      name: 'a nurse with no skills listed has none',
      dataset: inrc2Dataset({ nurses: [nurse('Nguyen', { skills: [] })], roster: [shift('Nguyen', 2, 'Day', 'Nurse')] }),
      errors: [{ messageId: 'missingSkill', subject: { type: 'officer', id: 'Nguyen' }, actual: 'Nurse' }],
    },
  ],
});

describe(`${RULE} evidence`, () => {
  it('is exactly the one assignment', async () => {
    const roster = [shift('Sara', 0, 'Early', 'Nurse'), shift('Sara', 3, 'Early', 'HeadNurse')];
    await expectEvidence(RULE, inrc2Dataset({ nurses, roster }), [[entryEvidence(1, roster[1]!)]]);
  });
});
