import type { Store } from '../ports/store.ts';
import type { ParticipantRecord, PollOptionRecord, ProgrammeRecord, QuestionRecord, VoteRecord } from '../records.ts';
import { listNonRespondents } from './non-respondents.ts';

/** Live numbers of one question for the organisers: by platform and channel, who has not answered, poll counts. */

export interface ChannelCount {
  platform: string;
  channel: string;
  replies: number;
}

export interface QuestionStats {
  programme: ProgrammeRecord;
  question: QuestionRecord;
  replies: number;
  privateAnswers: number;
  voters: number;
  byChannel: ChannelCount[];
  votersByPlatform: { platform: string; voters: number }[];
  /** Null for anonymous questions: the list would tell organisers who answered. */
  nonRespondents: ParticipantRecord[] | null;
  nonRespondentCount: number;
  options: PollOptionRecord[];
  votes: VoteRecord[];
}

/** With `known` (from `knownParticipants`) a page of many questions asks the store once for the programme's people. */
export async function questionStats(
  store: Store,
  programme: ProgrammeRecord,
  question: QuestionRecord,
  known?: Set<string>,
): Promise<QuestionStats> {
  const responses = await store.responses.listByQuestion(question.id);
  const postings = await store.postings.listByQuestion(question.id);
  const targets = new Map((await store.channels.targets(programme.id)).map((t) => [t.id, t]));
  const byChannel: ChannelCount[] = postings.map((posting) => {
    const target = targets.get(posting.channelTargetId);
    return {
      platform: target?.platform ?? 'unknown',
      channel: target ? `${target.workspaceId}/${target.channelId} (${target.placeholder})` : 'unknown channel',
      replies: responses.filter((r) => r.postingId === posting.id).length,
    };
  });
  const votes =
    question.kind === 'open' ? [] : (await store.votes.listByQuestion(question.id)).filter((v) => !v.retractedAt);
  const voterIds = [...new Set(votes.map((v) => v.participantId))];
  const voterPlatforms = new Map<string, number>();
  for (const person of await store.participants.listByIds(voterIds))
    voterPlatforms.set(person.platform, (voterPlatforms.get(person.platform) ?? 0) + 1);
  const missing = await listNonRespondents(store, question.id, known);
  return {
    programme,
    question,
    replies: responses.filter((r) => !r.private).length,
    privateAnswers: responses.filter((r) => r.private).length,
    voters: voterIds.length,
    byChannel,
    votersByPlatform: [...voterPlatforms].map(([platform, voters]) => ({ platform, voters })),
    nonRespondents: question.anonymity === 'anonymous' ? null : missing,
    nonRespondentCount: missing.length,
    options: question.kind === 'open' ? [] : await store.questions.options(question.id),
    votes,
  };
}
