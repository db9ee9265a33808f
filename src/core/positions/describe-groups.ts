import {
  type ConsensusStatement,
  consensusStatements,
  type GroupInformedConsensus,
  groupInformedConsensus,
} from './consensus.ts';
import { tallyGroups } from './group-tallies.ts';
import { type RepresentativeStatement, representativeStatements } from './representative-statements.ts';
import type { VoteMatrix } from './vote-matrix.ts';

export interface GroupDescription {
  /** Per group, in group order. */
  readonly representative: RepresentativeStatement[][];
  readonly consensus: ConsensusStatement[];
  readonly groupInformedConsensus: GroupInformedConsensus[];
}

/**
 * The statements that describe a given grouping: `groupOfRow[row]` is the group (0..groupCount-1) of each
 * matrix row, or -1 for a participant in no group. Usable with any grouping, Pol.is's own included.
 */
export function describeGroups(matrix: VoteMatrix, groupOfRow: Int32Array, groupCount: number): GroupDescription {
  const tallies = tallyGroups(matrix, groupOfRow, groupCount);
  return {
    representative: representativeStatements(matrix, tallies),
    consensus: consensusStatements(matrix),
    groupInformedConsensus: groupInformedConsensus(matrix, tallies),
  };
}
