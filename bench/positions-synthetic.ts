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
  const participantIds = Array.from({ length: participants }, (_, i) => `p${i}`);
  const statementIds = Array.from({ length: statements }, (_, i) => `s${i}`);
  const votes: Vote[] = [];
  const plantedGroup = new Map<string, number>();
  let at = 1_700_000_000_000;
  for (let p = 0; p < participants; p++) {
    const group = p % groups;
    const participantId = participantIds[p] as string;
    plantedGroup.set(participantId, group);
    for (let s = 0; s < statements; s++) {
      if (random() >= density) continue;
      const agreeChance = ((lean[group * statements + s] as number) + 1) / 2;
      const vote: VoteValue = random() < 0.15 ? 0 : random() < agreeChance ? 1 : -1;
      at += 1 + Math.floor(random() * 1000);
      votes.push({ participantId, statementId: statementIds[s] as string, vote, at });
    }
  }
  return { votes, plantedGroup };
}
