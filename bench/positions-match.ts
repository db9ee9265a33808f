import { describeGroups } from '../src/core/positions/describe-groups.ts';
import { buildVoteMatrix, type Vote } from '../src/core/positions/vote-matrix.ts';
import { referenceConsensus, referenceGroupAwareConsensus, referenceRepness } from './polis-reference.ts';

/**
 * Representative, consensus and group-informed consensus statements computed by the engine from Pol.is's own
 * groups, compared with the transcription of Pol.is's code in polis-reference.ts and, where the export has it,
 * with Pol.is's own group-informed consensus.
 */
export interface MatchReport {
  readonly representative: string;
  readonly consensus: string;
  readonly groupInformedConsensus: string;
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** The latest vote of each participant on each statement, straight from the list of votes. */
function ballots(votes: readonly Vote[]): Map<string, Map<string, number>> {
  const latest = new Map<string, Map<string, { vote: number; at: number }>>();
  for (const v of votes) {
    const ballot = latest.get(v.participantId) ?? new Map<string, { vote: number; at: number }>();
    latest.set(v.participantId, ballot);
    const before = ballot.get(v.statementId);
    if (before === undefined || before.at <= v.at) ballot.set(v.statementId, { vote: v.vote, at: v.at });
  }
  return new Map([...latest].map(([p, b]) => [p, new Map([...b].map(([s, { vote }]) => [s, vote]))]));
}

function compareLists<A, B>(ours: A[], theirs: B[], same: (a: A, b: B) => boolean): string | undefined {
  if (ours.length !== theirs.length) return `${ours.length} statements against ${theirs.length}`;
  const at = ours.findIndex((a, i) => !same(a, theirs[i] as B));
  return at < 0 ? undefined : `differs at position ${at + 1}`;
}

export function checkAgainstPolis(
  votes: readonly Vote[],
  hiddenStatementIds: readonly string[],
  polisGroups: Map<string, string | null>,
  polisGroupInformedConsensus: Map<string, number> | undefined,
): MatchReport {
  const matrix = buildVoteMatrix(votes, { hiddenStatementIds });
  const groupIds = [...new Set([...polisGroups.values()].filter((g) => g !== null))].sort(
    (a, b) => Number(a) - Number(b),
  );
  const groupIndex = new Map(groupIds.map((id, index) => [id, index]));
  const groupOfRow = Int32Array.from(matrix.participantIds, (id) => groupIndex.get(polisGroups.get(id) ?? '') ?? -1);
  const ours = describeGroups(matrix, groupOfRow, groupIds.length);

  const byVoter = ballots(votes);
  const members = groupIds.map((g) => matrix.participantIds.filter((id) => polisGroups.get(id) === g));
  const tids = [...matrix.statementIds];
  const modOut = new Set(hiddenStatementIds);

  const reference = referenceRepness(byVoter, members, tids, modOut);
  const repnessProblems = ours.representative
    .map((list, g) =>
      compareLists(
        list,
        reference[g] ?? [],
        (a, b) =>
          a.statementId === b.tid &&
          a.direction === b.repfulFor &&
          a.count === b.nSuccess &&
          a.seen === b.nTrials &&
          a.bestAgree === b.bestAgree &&
          close(a.probability, b.pSuccess) &&
          close(a.probabilityTest, b.pTest) &&
          close(a.ratio, b.repness) &&
          close(a.ratioTest, b.repnessTest),
      ),
    )
    .map((problem, g) => (problem === undefined ? undefined : `group ${groupIds[g]}: ${problem}`))
    .filter((p) => p !== undefined);
  const shown = ours.representative.reduce((n, list) => n + list.length, 0);

  const consensusProblem = compareLists(
    ours.consensus,
    referenceConsensus(byVoter, tids, modOut),
    (a, b) =>
      a.statementId === b.tid &&
      a.direction === b.consensusFor &&
      a.count === b.nSuccess &&
      a.seen === b.nTrials &&
      close(a.probability, b.pSuccess) &&
      close(a.probabilityTest, b.pTest),
  );

  const referenceGic = referenceGroupAwareConsensus(byVoter, members, tids);
  const gicOff = ours.groupInformedConsensus.filter(
    (g) => !close(g.value, referenceGic.get(g.statementId) ?? Number.NaN),
  );
  let gic = gicOff.length === 0 ? `exact (${ours.groupInformedConsensus.length})` : `${gicOff.length} differ`;
  if (polisGroupInformedConsensus !== undefined) {
    const exported = ours.groupInformedConsensus.filter((g) => polisGroupInformedConsensus.has(g.statementId));
    const worst = Math.max(
      ...exported.map((g) => Math.abs(g.value - (polisGroupInformedConsensus.get(g.statementId) as number))),
    );
    gic += `; export ${worst <= 1e-12 ? 'exact' : `max diff ${worst.toExponential(1)}`}`;
  }
  return {
    representative: repnessProblems.length === 0 ? `exact (${shown})` : repnessProblems.join('; '),
    consensus: consensusProblem === undefined ? `exact (${ours.consensus.length})` : consensusProblem,
    groupInformedConsensus: gic,
  };
}
