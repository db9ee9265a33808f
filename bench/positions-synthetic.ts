import { seededRandom } from '../src/core/positions/seeded-random.ts';
import type { Vote, VoteValue } from '../src/core/positions/vote-matrix.ts';

export interface SyntheticConversation {
  readonly votes: Vote[];
  /** The planted group of each participant id. */
  readonly plantedGroup: Map<string, number>;
}

/**
 * A seeded conversation with planted opinion groups: each group leans a random way on every statement, each
 * participant sees a random `density` share of the statements, passes 15% of the time, and otherwise agrees
 * with probability (1 + lean) / 2.
 */
export function syntheticConversation(
  participants: number,
  statements: number,
  groups: number,
  density: number,
  seed = 7,
): SyntheticConversation {
  const random = seededRandom(seed);
  const lean = Float64Array.from({ length: groups * statements }, () => random() * 2 - 1);
  return voteAsPlanted({ participants, statements, density, lean, groupOf: (p) => p % groups, random });
}

/**
 * Everyone's votes: each participant sees a random `density` share of the statements, passes 15% of the time, and
 * otherwise agrees with probability (1 + lean) / 2, where lean is their group's on that statement.
 */
function voteAsPlanted(plan: {
  participants: number;
  statements: number;
  density: number;
  lean: Float64Array;
  groupOf: (participant: number) => number;
  random: () => number;
}): SyntheticConversation {
  const { participants, statements, density, lean, random } = plan;
  const votes: Vote[] = [];
  const plantedGroup = new Map<string, number>();
  let at = 1_700_000_000_000;
  for (let p = 0; p < participants; p++) {
    const group = plan.groupOf(p);
    const participantId = `p${p}`;
    plantedGroup.set(participantId, group);
    for (let s = 0; s < statements; s++) {
      if (random() >= density) continue;
      const agreeChance = ((lean[group * statements + s] as number) + 1) / 2;
      const vote: VoteValue = random() < 0.15 ? 0 : random() < agreeChance ? 1 : -1;
      at += 1 + Math.floor(random() * 1000);
      votes.push({ participantId, statementId: `s${s}`, vote, at });
    }
  }
  return { votes, plantedGroup };
}

export interface PlantedGroups {
  participants: number;
  statements: number;
  /** Relative sizes of the planted groups; their number is the number of groups. */
  shares: readonly number[];
  /** Share of the statements each participant votes on (Pol.is-like conversations: a fraction). */
  density: number;
  seed?: number;
}

/**
 * A conversation whose groups live in a two-dimensional opinion space, as real conversations' groups mostly do
 * (and as Pol.is's map assumes): every statement has two loadings, each group a place on a circle, and a group's
 * lean on a statement is its place along the statement's loadings. Each participant votes on a random `density`
 * share of the statements, passes 15% of the time, and otherwise agrees with probability (1 + lean) / 2.
 */
export function plantedGroupsConversation(plan: PlantedGroups): SyntheticConversation {
  const { participants, statements, shares, density } = plan;
  const random = seededRandom(plan.seed ?? 7);
  const groups = shares.length;
  const loadings = Float64Array.from({ length: statements * 2 }, () => random() * 2 - 1);
  const lean = new Float64Array(groups * statements);
  for (let g = 0; g < groups; g++) {
    const angle = (2 * Math.PI * g) / groups;
    for (let s = 0; s < statements; s++) {
      const towards = Math.cos(angle) * (loadings[s * 2] as number) + Math.sin(angle) * (loadings[s * 2 + 1] as number);
      lean[g * statements + s] = Math.max(-0.95, Math.min(0.95, 2 * towards));
    }
  }
  const total = shares.reduce((sum, share) => sum + share, 0);
  const bounds = shares.map((_, g) => shares.slice(0, g + 1).reduce((sum, share) => sum + share, 0) / total);
  const groupOf = (p: number) => bounds.findIndex((bound) => (p + 0.5) / participants <= bound);
  return voteAsPlanted({ participants, statements, density, lean, groupOf, random });
}
