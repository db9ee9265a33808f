import { computeOpinionGroups, DEFAULT_MIN_PARTICIPANTS } from '../positions/opinion-groups.ts';
import type { Vote, VoteValue } from '../positions/vote-matrix.ts';
import type { PollOptionRecord, VoteRecord } from '../records.ts';
import { groupLabel, type OpinionGroupsPart, type SummaryStatement } from './model.ts';

const VOTE_VALUES: Record<string, VoteValue> = { agree: 1, disagree: -1, pass: 0 };

export const OPINION_GROUP_SEED = 1;

/** Live statement votes as the positions engine reads them. */
function toEngineVotes(votes: readonly VoteRecord[]): Vote[] {
  const engine: Vote[] = [];
  for (const vote of votes) {
    const value = VOTE_VALUES[vote.choice[0] ?? ''];
    if (vote.retractedAt || value === undefined) continue;
    engine.push({
      participantId: vote.participantId,
      statementId: vote.subject,
      vote: value,
      at: vote.castAt.getTime(),
    });
  }
  return engine;
}

/**
 * Opinion groups of an agree/disagree question: only approved statements carry opinion. With `earlier` (a stored
 * grouping of fewer of these votes), the groups are updated from it rather than found again.
 */
export function opinionGroupsPart(
  statements: readonly PollOptionRecord[],
  votes: readonly VoteRecord[],
  minParticipants = DEFAULT_MIN_PARTICIPANTS,
  earlier: OpinionGroupsPart | null = null,
): OpinionGroupsPart {
  const approved = new Map(statements.filter((s) => s.status === 'approved').map((s) => [s.key, s.label]));
  const engineVotes = toEngineVotes(votes);
  const hidden = [...new Set(engineVotes.map((v) => v.statementId))].filter((key) => !approved.has(key));
  const result = computeOpinionGroups(engineVotes, {
    hiddenStatementIds: hidden,
    minParticipants,
    seed: OPINION_GROUP_SEED,
    ...(earlier?.status === 'grouped' && earlier.stability
      ? { startFrom: { groups: earlier.groups.map((g) => g.members), stability: earlier.stability } }
      : {}),
  });
  if (result.status === 'not-enough-votes') {
    return { status: 'not-enough-votes', message: result.message, morePeopleNeeded: result.morePeopleNeeded };
  }
  const statement = (s: {
    statementId: string;
    direction: 'agree' | 'disagree';
    count: number;
    seen: number;
  }): SummaryStatement => ({
    statementKey: s.statementId,
    text: approved.get(s.statementId) ?? s.statementId,
    direction: s.direction,
    count: s.count,
    seen: s.seen,
  });
  return {
    status: 'grouped',
    k: result.k,
    silhouette: result.silhouette,
    stability: result.stability,
    groups: result.groups.map((g) => ({
      id: g.id,
      label: groupLabel(g.id),
      members: g.members,
      centre: g.centre,
      representative: g.representative.map(statement),
    })),
    consensus: result.consensus.map(statement),
    map: result.map.map((p) => ({
      x: p.x,
      y: p.y,
      group: result.participants.get(p.participantId) ?? null,
      participantId: p.participantId,
    })),
    unplaced: [...result.participants.values()].filter((g) => g === null).length,
  };
}
