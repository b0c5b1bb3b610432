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
];

let registry: RuleRegistry | undefined;

/** The registry of the built-in rules, validated once. */
export function builtInRegistry(): RuleRegistry {
  registry ??= createRegistry(BUILT_IN_RULES);
  return registry;
}
