import type { RosterMemberRecord, Store } from '../ports/store.ts';
import { heardAgainstRoster, programmeContributors } from './roster-participation.ts';
import { attributeValue } from './roster-summary.ts';

/** The roster's under-heard groups now, and their current members: whom a targeted reminder is for. */
export interface UnderHeard {
  /** "region North", in the order the digest lists them. */
  groups: string[];
  members: RosterMemberRecord[];
}

/** Null when the programme has no roster. */
export async function underHeardMembers(store: Store, programmeId: string, now: Date): Promise<UnderHeard | null> {
  const roster = (await store.roster.list(programmeId)).filter((m) => m.removedAt === null);
  if (roster.length === 0) return null;
  const heard = heardAgainstRoster(roster, await programmeContributors(store.reporting, programmeId, now));
  const under = (heard?.groups ?? []).filter((g) => g.underHeard);
  return {
    groups: under.map((g) => `${g.attribute} ${g.value}`),
    members: roster.filter((m) => under.some((g) => attributeValue(m, g.attribute) === g.value)),
  };
}
