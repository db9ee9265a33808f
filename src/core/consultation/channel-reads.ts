import type { QuestionCard } from '../ports/chat-platform.ts';
import type {
  ChannelTargetRecord,
  ParticipantRecord,
  PostingRecord,
  ProgrammeRecord,
  QuestionRecord,
  ResponseRecord,
  VoteRecord,
} from '../records.ts';
import type { Platform } from '../types.ts';
import type { CoreDeps } from './deps.ts';
import { buildQuestionCard } from './question-card.ts';

/** Read-only queries a channel page needs (the sandbox renders a channel as a page), named for what they answer. */
export interface ChannelReads {
  programmes(): Promise<ProgrammeRecord[]>;
  /** Every channel of this platform the loaded programmes post to, with its programme. */
  channelsOn(platform: Platform): Promise<{ target: ChannelTargetRecord; programme: ProgrammeRecord }[]>;
  /** A programme's questions (archived ones only when asked for). */
  questionsOf(programmeId: string, options?: { includeArchived?: boolean }): Promise<QuestionRecord[]>;
  /** The question's card as the core would post it now. */
  card(questionId: string): Promise<QuestionCard | null>;
  /** The live thread replies written under one posting, oldest first (no private answers, no deleted replies). */
  repliesUnder(posting: PostingRecord): Promise<ResponseRecord[]>;
  /** The response written as this platform message, deleted or not. */
  responseAt(messageRef: string): Promise<ResponseRecord | null>;
  participant(platform: Platform, platformUserId: string): Promise<ParticipantRecord | null>;
  participants(ids: string[]): Promise<ParticipantRecord[]>;
  /** One person's live (not withdrawn) votes on a question. */
  votesBy(questionId: string, participantId: string): Promise<VoteRecord[]>;
  /** Every open question with its response and voter counts (to notice answers that arrived elsewhere). */
  openQuestionCounts(): Promise<{ questionId: string; programmeId: string; responses: number; voters: number }[]>;
}

export function channelReads(deps: CoreDeps): ChannelReads {
  const { store } = deps;
  return {
    programmes: () => store.programmes.list(),
    channelsOn: async (platform) => {
      const found = [];
      for (const programme of await store.programmes.list())
        for (const target of await store.channels.targets(programme.id))
          if (target.platform === platform) found.push({ target, programme });
      return found;
    },
    questionsOf: (programmeId, options) => store.questions.listByProgramme(programmeId, options),
    card: async (questionId) => {
      const question = await store.questions.findById(questionId);
      return question ? buildQuestionCard(store, question) : null;
    },
    repliesUnder: async (posting) =>
      (await store.responses.listByQuestion(posting.questionId)).filter(
        (r) => r.postingId === posting.id && !r.private,
      ),
    responseAt: (messageRef) => store.responses.findByMessageRef(messageRef),
    participant: (platform, platformUserId) => store.participants.find(platform, platformUserId),
    participants: (ids) => store.participants.listByIds(ids),
    votesBy: async (questionId, participantId) =>
      (await store.votes.listByQuestion(questionId)).filter(
        (v) => v.participantId === participantId && v.retractedAt === null,
      ),
    openQuestionCounts: async () => {
      const counts = [];
      for (const question of await store.questions.listByStatus('open'))
        counts.push({
          questionId: question.id,
          programmeId: question.programmeId,
          responses: await store.questions.countResponses(question.id),
          voters: (await store.votes.voterIds(question.id)).length,
        });
      return counts;
    },
  };
}
