import concurrentCommunityRoleDefinition from '../../rules/community-policing/concurrent-community-role.json';
import coverageDefinition from '../../rules/community-policing/coverage.json';
import dedicatedOfficerDefinition from '../../rules/community-policing/dedicated-officer.json';
import fiveHalfDaysDefinition from '../../rules/community-policing/five-half-days.json';
import fiveYearTenureDefinition from '../../rules/community-policing/five-year-tenure.json';
import fullTimeSecurityDirectorDefinition from '../../rules/community-policing/full-time-security-director.json';
import mobileTerminalDefinition from '../../rules/community-policing/mobile-terminal.json';
import noDaytimeStationDutyDefinition from '../../rules/community-policing/no-daytime-station-duty.json';
import noDiversionDefinition from '../../rules/community-policing/no-diversion.json';
import noPostCutsDefinition from '../../rules/community-policing/no-post-cuts.json';
import policeRoomStandardDefinition from '../../rules/community-policing/police-room-standard.json';
import replacementFirstDefinition from '../../rules/community-policing/replacement-first.json';
import inrc2CompleteWeekends from '../../rules/inrc2/complete-weekends.json';
import inrc2ConsecutiveDaysOff from '../../rules/inrc2/consecutive-days-off.json';
import inrc2ConsecutiveShifts from '../../rules/inrc2/consecutive-shifts.json';
import inrc2ConsecutiveWorkingDays from '../../rules/inrc2/consecutive-working-days.json';
import inrc2ForbiddenSuccession from '../../rules/inrc2/forbidden-succession.json';
import inrc2MinimumCoverage from '../../rules/inrc2/minimum-coverage.json';
import inrc2OptimalCoverage from '../../rules/inrc2/optimal-coverage.json';
import inrc2RequiredSkill from '../../rules/inrc2/required-skill.json';
import inrc2ShiftOffRequest from '../../rules/inrc2/shift-off-request.json';
import inrc2SingleAssignment from '../../rules/inrc2/single-assignment.json';
import inrc2TotalAssignments from '../../rules/inrc2/total-assignments.json';
import inrc2WorkingWeekends from '../../rules/inrc2/working-weekends.json';
import workingTimeConsecutiveWorkdays from '../../rules/working-time/consecutive-workdays.json';
import workingTimeDailyRest from '../../rules/working-time/daily-rest.json';
import workingTimeWeeklyHours from '../../rules/working-time/weekly-hours.json';
import { loadRulePacks } from '../engine/load-rule-packs.js';
import { createRegistry, type RuleRegistry, type RuleSource } from '../engine/registry.js';
import { fiveYearTenure } from './community-policing/five-year-tenure.js';
import { replacementFirst } from './community-policing/replacement-first.js';

/**
 * The built-in rules: each rule file of `rules/<pack>/`. A rule file carries its logic as data
 * (`for`, `let`, `evidence`: docs/packs.md); only the two transfer rules, whose post chain and
 * 先进后出 replay are no instance of a primitive, keep a facts module of the same name under
 * `src/rules/<pack>/` (said why in their docs). A test fails when a rule lacks its test or doc.
 */
export const BUILT_IN_RULES: readonly RuleSource[] = [
  { file: 'rules/community-policing/concurrent-community-role.json', definition: concurrentCommunityRoleDefinition },
  { file: 'rules/community-policing/coverage.json', definition: coverageDefinition },
  { file: 'rules/community-policing/dedicated-officer.json', definition: dedicatedOfficerDefinition },
  { file: 'rules/community-policing/five-half-days.json', definition: fiveHalfDaysDefinition },
  { file: 'rules/community-policing/five-year-tenure.json', definition: fiveYearTenureDefinition, facts: fiveYearTenure },
  { file: 'rules/community-policing/full-time-security-director.json', definition: fullTimeSecurityDirectorDefinition },
  { file: 'rules/community-policing/mobile-terminal.json', definition: mobileTerminalDefinition },
  { file: 'rules/community-policing/no-daytime-station-duty.json', definition: noDaytimeStationDutyDefinition },
  { file: 'rules/community-policing/no-diversion.json', definition: noDiversionDefinition },
  { file: 'rules/community-policing/no-post-cuts.json', definition: noPostCutsDefinition },
  { file: 'rules/community-policing/police-room-standard.json', definition: policeRoomStandardDefinition },
  { file: 'rules/community-policing/replacement-first.json', definition: replacementFirstDefinition, facts: replacementFirst },
  // INRC-II (docs/inrc2.md): nurse rostering's hard and soft constraints, data only.
  { file: 'rules/inrc2/complete-weekends.json', definition: inrc2CompleteWeekends },
  { file: 'rules/inrc2/consecutive-days-off.json', definition: inrc2ConsecutiveDaysOff },
  { file: 'rules/inrc2/consecutive-shifts.json', definition: inrc2ConsecutiveShifts },
  { file: 'rules/inrc2/consecutive-working-days.json', definition: inrc2ConsecutiveWorkingDays },
  { file: 'rules/inrc2/forbidden-succession.json', definition: inrc2ForbiddenSuccession },
  { file: 'rules/inrc2/minimum-coverage.json', definition: inrc2MinimumCoverage },
  { file: 'rules/inrc2/optimal-coverage.json', definition: inrc2OptimalCoverage },
  { file: 'rules/inrc2/required-skill.json', definition: inrc2RequiredSkill },
  { file: 'rules/inrc2/shift-off-request.json', definition: inrc2ShiftOffRequest },
  { file: 'rules/inrc2/single-assignment.json', definition: inrc2SingleAssignment },
  { file: 'rules/inrc2/total-assignments.json', definition: inrc2TotalAssignments },
  { file: 'rules/inrc2/working-weekends.json', definition: inrc2WorkingWeekends },
  // Working time (docs/rules/working-time/): rest, hours and days in a row for every officer, data only.
  { file: 'rules/working-time/consecutive-workdays.json', definition: workingTimeConsecutiveWorkdays },
  { file: 'rules/working-time/daily-rest.json', definition: workingTimeDailyRest },
  { file: 'rules/working-time/weekly-hours.json', definition: workingTimeWeeklyHours },
];

/**
 * The built-in rules and the rule packs in `rulePacks` (folders of rule files, data only:
 * docs/packs.md). Throws `RULE_INVALID` with every problem of every pack, located.
 *
 * @example
 * const registry = await createRuleRegistry(['./packs/city-rest'])
 * await check(dataset, { registry, config: { extends: ['city-rest/recommended'] } })
 */
export async function createRuleRegistry(rulePacks: readonly string[] = []): Promise<RuleRegistry> {
  return rulePacks.length === 0 ? builtInRegistry() : loadRulePacks(BUILT_IN_RULES, rulePacks);
}

let registry: RuleRegistry | undefined;

/** The registry of the built-in rules: trusted (the tests validate them), each compiled when it first runs. */
export function builtInRegistry(): RuleRegistry {
  registry ??= createRegistry(BUILT_IN_RULES, { trusted: true });
  return registry;
}
