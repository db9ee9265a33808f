import type { GroupTallies } from './group-tallies.ts';
import { tallyGroups } from './group-tallies.ts';
import { isSignificant, proportionTest } from './significance.ts';
import type { VoteMatrix } from './vote-matrix.ts';

/**
 * Statements most people agree (or disagree) with, over every participant, as Pol.is selects them
 * (math/repness.clj, consensus-stats): probability (votes that way + 1) / (seen + 2) above one half and
 * significant at 90%, ranked by probability x z-score, at most five each way.
 */
export interface ConsensusStatement {
  readonly statementId: string;
  readonly direction: 'agree' | 'disagree';
  readonly count: number;
  readonly seen: number;
  readonly probability: number;
  readonly probabilityTest: number;
}

/** How far every group agrees with a statement: the product over groups of (agrees + 1) / (seen + 2). */
export interface GroupInformedConsensus {
  readonly statementId: string;
  readonly value: number;
}

const MOST_EACH_WAY = 5;

export function consensusStatements(matrix: VoteMatrix): ConsensusStatement[] {
  const everyone = tallyGroups(matrix, new Int32Array(matrix.participantIds.length), 1);
  const candidates: ConsensusStatement[] = [];
  for (const direction of ['agree', 'disagree'] as const) {
    const counts = direction === 'agree' ? everyone.agree : everyone.disagree;
    const found: ConsensusStatement[] = [];
    matrix.statementIds.forEach((statementId, column) => {
      if (matrix.hidden[column] === 1) return;
      const count = counts[column] as number;
      const seen = everyone.seen[column] as number;
      const probability = (count + 1) / (seen + 2);
      const probabilityTest = proportionTest(count, seen);
      if (probability > 0.5 && isSignificant(probabilityTest)) {
        found.push({ statementId, direction, count, seen, probability, probabilityTest });
      }
    });
    found.sort((a, b) => b.probability * b.probabilityTest - a.probability * a.probabilityTest);
    candidates.push(...found.slice(0, MOST_EACH_WAY));
  }
  return candidates;
}

/** Every visible statement, most broadly agreed first (ties keep matrix order). */
export function groupInformedConsensus(matrix: VoteMatrix, tallies: GroupTallies): GroupInformedConsensus[] {
  const columns = matrix.statementIds.length;
  const values: GroupInformedConsensus[] = [];
  matrix.statementIds.forEach((statementId, column) => {
    if (matrix.hidden[column] === 1) return;
    let value = 1;
    for (let group = 0; group < tallies.groupCount; group++) {
      const at = group * columns + column;
      value *= ((tallies.agree[at] as number) + 1) / ((tallies.seen[at] as number) + 2);
    }
    values.push({ statementId, value });
  });
  return values.sort((a, b) => b.value - a.value);
}
