import type { DigestHeard } from '../digest/model.ts';
import type { ReportingRepository } from '../ports/reporting.ts';
import type { RosterMemberRecord } from '../ports/store.ts';
import type { ParticipantRecord } from '../records.ts';
import { FEWER_THAN_5, isSmall, reportCount } from '../small-counts.ts';
import { attributesOf, attributeValue } from './roster-summary.ts';

/** A group is under-heard when its share of members who took part is below this fraction of the whole roster's. */
export const UNDER_HEARD_RATIO = 0.75;

/** How a participant can be found on a roster: `platform:id`, and the id itself when it is an e-mail (web). */
export function participantLinks(person: ParticipantRecord): string[] {
  const own = `${person.platform}:${person.platformUserId}`;
  return person.platformUserId.includes('@') ? [own, `email:${person.platformUserId.toLowerCase()}`] : [own];
}

function memberLinks(member: RosterMemberRecord): string[] {
  return member.email ? [...member.platformIds, `email:${member.email}`] : member.platformIds;
}

/**
 * Per attribute and value: members, members who took part (responded or voted, matched by platform id or e-mail)
 * and the share, groups of fewer than SMALL_GROUP members suppressed. Null without a roster.
 */
export function heardAgainstRoster(
  members: RosterMemberRecord[],
  tookPart: Iterable<ParticipantRecord>,
): DigestHeard | null {
  const current = members.filter((m) => m.removedAt === null);
  if (current.length === 0) return null;
  const seen = new Set<string>();
  for (const person of tookPart) for (const link of participantLinks(person)) seen.add(link);
  const heard = (m: RosterMemberRecord) => memberLinks(m).some((l) => seen.has(l));
  const total = current.filter(heard).length;
  const share = total / current.length;
  const groups: DigestHeard['groups'] = [];
  for (const attribute of attributesOf(current)) {
    const byValue = new Map<string, { members: number; tookPart: number }>();
    for (const m of current) {
      const value = attributeValue(m, attribute);
      const group = byValue.get(value) ?? { members: 0, tookPart: 0 };
      group.members += 1;
      if (heard(m)) group.tookPart += 1;
      byValue.set(value, group);
    }
    for (const [value, g] of [...byValue].sort((a, b) => a[0].localeCompare(b[0]))) {
      const small = isSmall(g.members, true);
      const groupShare = small ? null : g.tookPart / g.members;
      groups.push({
        attribute,
        value,
        members: reportCount(g.members, true),
        tookPart: small ? FEWER_THAN_5 : g.tookPart,
        share: groupShare,
        underHeard: groupShare !== null && groupShare < share * UNDER_HEARD_RATIO,
      });
    }
  }
  return { members: current.length, tookPart: total, share, groups };
}

/** The programme's participants who responded or voted before `until`, read in one pass over contributions. */
export async function programmeContributors(
  reporting: ReportingRepository,
  programmeId: string,
  until: Date,
): Promise<ParticipantRecord[]> {
  const ids = new Set<string>();
  for await (const batch of reporting.contributions(programmeId, { until, weekStart: until }))
    for (const [participantId] of batch.rows) ids.add(participantId);
  const people: ParticipantRecord[] = [];
  for await (const batch of reporting.participants()) for (const p of batch) if (ids.has(p.id)) people.push(p);
  return people;
}
