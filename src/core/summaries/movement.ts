import { plural } from '../wording.ts';
import type { QuestionSummary, SummaryStatement } from './model.ts';

/**
 * How positions moved since an earlier summary: groups and themes matched to their predecessors by the people
 * (or responses) they share, with their earlier size, and the statements that became common ground.
 */
export interface Movement {
  since: string;
  groups: { label: string; size: number; previousSize: number | null }[];
  newConsensus: SummaryStatement[];
  themes: { label: string; people: number; previousPeople: number | null }[];
}

/** The earlier item sharing the most with `members`, if it shares at least a third of the smaller of the two. */
function predecessor<T>(
  members: readonly string[],
  earlier: readonly T[],
  membersOf: (t: T) => readonly string[],
): T | null {
  const mine = new Set(members);
  let best: T | null = null;
  let bestShare = 1 / 3;
  for (const candidate of earlier) {
    const theirs = membersOf(candidate);
    const shared = theirs.filter((m) => mine.has(m)).length;
    const share = shared / Math.max(1, Math.min(mine.size, theirs.length));
    if (share >= bestShare) {
      best = candidate;
      bestShare = share;
    }
  }
  return best;
}

export function movementSince(current: QuestionSummary, previous: QuestionSummary | null): Movement | null {
  if (!previous) return null;
  const groupsNow = current.opinionGroups?.status === 'grouped' ? current.opinionGroups : null;
  const groupsThen = previous.opinionGroups?.status === 'grouped' ? previous.opinionGroups : null;
  const consensusThen = new Set(groupsThen?.consensus.map((s) => `${s.statementKey}:${s.direction}`) ?? []);
  return {
    since: previous.computedAt,
    groups: (groupsNow?.groups ?? []).map((g) => ({
      label: g.label,
      size: g.members.length,
      previousSize: predecessor(g.members, groupsThen?.groups ?? [], (p) => p.members)?.members.length ?? null,
    })),
    newConsensus: (groupsNow?.consensus ?? []).filter((s) => !consensusThen.has(`${s.statementKey}:${s.direction}`)),
    themes: (current.themes?.themes ?? []).map((t) => ({
      label: t.label,
      people: t.people,
      previousPeople: predecessor(t.responseIds, previous.themes?.themes ?? [], (p) => p.responseIds)?.people ?? null,
    })),
  };
}

/** The movement in plain sentences, for every format. */
export function describeMovement(movement: Movement): string[] {
  const lines: string[] = [];
  for (const g of movement.groups) {
    if (g.previousSize === null) lines.push(`${g.label} (${plural(g.size, 'person', 'people')}) is new.`);
    else if (g.size !== g.previousSize)
      lines.push(
        `${g.label} ${g.size > g.previousSize ? 'grew' : 'shrank'} from ${g.previousSize} to ${plural(g.size, 'person', 'people')}.`,
      );
  }
  for (const s of movement.newConsensus)
    lines.push(`Now common ground: "${s.text}" (most ${s.direction === 'agree' ? 'agree' : 'disagree'}).`);
  for (const t of movement.themes) {
    if (t.previousPeople === null) lines.push(`New theme: ${t.label} (${plural(t.people, 'person', 'people')}).`);
    else if (t.people > t.previousPeople)
      lines.push(`The theme "${t.label}" grew from ${t.previousPeople} to ${plural(t.people, 'person', 'people')}.`);
  }
  return lines;
}
