import type { RosterMemberRecord } from '../ports/store.ts';

/** What a roster holds: members now and removed, and how many members have each value of each attribute. */
export interface RosterSummary {
  members: number;
  removed: number;
  withPlatformId: number;
  withEmail: number;
  attributes: { name: string; values: { value: string; members: number }[] }[];
}

export const BLANK_VALUE = '(blank)';

export function attributeValue(member: RosterMemberRecord, attribute: string): string {
  return member.attributes[attribute] || BLANK_VALUE;
}

/** Attribute names in the order the members carry them. */
export function attributesOf(members: RosterMemberRecord[]): string[] {
  const names = new Set<string>();
  for (const m of members) for (const name of Object.keys(m.attributes)) names.add(name);
  return [...names];
}

export function summariseRoster(all: RosterMemberRecord[]): RosterSummary {
  const current = all.filter((m) => m.removedAt === null);
  return {
    members: current.length,
    removed: all.length - current.length,
    withPlatformId: current.filter((m) => m.platformIds.length > 0).length,
    withEmail: current.filter((m) => m.email !== null).length,
    attributes: attributesOf(current).map((name) => {
      const counts = new Map<string, number>();
      for (const m of current) counts.set(attributeValue(m, name), (counts.get(attributeValue(m, name)) ?? 0) + 1);
      return {
        name,
        values: [...counts]
          .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
          .map(([value, members]) => ({ value, members })),
      };
    }),
  };
}
