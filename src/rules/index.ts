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
import { createRegistry, type RuleRegistry, type RuleSource } from '../engine/registry.js';
import { concurrentCommunityRole } from './community-policing/concurrent-community-role.js';
import { coverage } from './community-policing/coverage.js';
import { dedicatedOfficer } from './community-policing/dedicated-officer.js';
import { fiveHalfDays } from './community-policing/five-half-days.js';
import { fiveYearTenure } from './community-policing/five-year-tenure.js';
import { fullTimeSecurityDirector } from './community-policing/full-time-security-director.js';
import { mobileTerminal } from './community-policing/mobile-terminal.js';
import { noDaytimeStationDuty } from './community-policing/no-daytime-station-duty.js';
import { noDiversion } from './community-policing/no-diversion.js';
import { noPostCuts } from './community-policing/no-post-cuts.js';
import { policeRoomStandard } from './community-policing/police-room-standard.js';
import { replacementFirst } from './community-policing/replacement-first.js';

/**
 * The built-in rules: each rule file of `rules/<pack>/` with the facts module of the same name
 * under `src/rules/<pack>/`. A test fails when a rule lacks either half, its test or its doc.
 */
export const BUILT_IN_RULES: readonly RuleSource[] = [
  { file: 'rules/community-policing/concurrent-community-role.json', definition: concurrentCommunityRoleDefinition, facts: concurrentCommunityRole },
  { file: 'rules/community-policing/coverage.json', definition: coverageDefinition, facts: coverage },
  { file: 'rules/community-policing/dedicated-officer.json', definition: dedicatedOfficerDefinition, facts: dedicatedOfficer },
  { file: 'rules/community-policing/five-half-days.json', definition: fiveHalfDaysDefinition, facts: fiveHalfDays },
  { file: 'rules/community-policing/five-year-tenure.json', definition: fiveYearTenureDefinition, facts: fiveYearTenure },
  { file: 'rules/community-policing/full-time-security-director.json', definition: fullTimeSecurityDirectorDefinition, facts: fullTimeSecurityDirector },
  { file: 'rules/community-policing/mobile-terminal.json', definition: mobileTerminalDefinition, facts: mobileTerminal },
  { file: 'rules/community-policing/no-daytime-station-duty.json', definition: noDaytimeStationDutyDefinition, facts: noDaytimeStationDuty },
  { file: 'rules/community-policing/no-diversion.json', definition: noDiversionDefinition, facts: noDiversion },
  { file: 'rules/community-policing/no-post-cuts.json', definition: noPostCutsDefinition, facts: noPostCuts },
  { file: 'rules/community-policing/police-room-standard.json', definition: policeRoomStandardDefinition, facts: policeRoomStandard },
  { file: 'rules/community-policing/replacement-first.json', definition: replacementFirstDefinition, facts: replacementFirst },
];

let registry: RuleRegistry | undefined;

/** The registry of the built-in rules, validated once. */
export function builtInRegistry(): RuleRegistry {
  registry ??= createRegistry(BUILT_IN_RULES);
  return registry;
}
