import type { Community } from '../../../model/dataset-schema.js';

/**
 * Officers a community requires, as `coverage` computes it in its rule file
 * (rules/community-policing/coverage.json, `requiredOfficers`): `requiredOfficers`, else
 * `heavyLoadMinimum` for a heavy-load community, else 1. `replacement-first`'s replay compares
 * with the same number; a test proves the two agree.
 *
 * @example
 * requiredOfficers({ heavyLoad: true } as Community, 2) //=> 2
 */
export function requiredOfficers(community: Community, heavyLoadMinimum: number): number {
  return community.requiredOfficers ?? (community.heavyLoad ? heavyLoadMinimum : 1);
}
