import type { ConsultationReads, YourOpinionMap } from '../../../src/core/consultation/consultation.ts';
import type { QuestionCard } from '../../../src/core/ports/chat-platform.ts';
import type {
  ChannelTargetRecord,
  ParticipantRecord,
  PostingRecord,
  ProgrammeRecord,
  QuestionRecord,
  ResponseRecord,
  VoteRecord,
} from '../../../src/core/records.ts';
import type { DealtStatement } from '../../../src/core/statements/deal-statement.ts';
import type { Anonymity } from '../../../src/core/types.ts';
import type { WebServices } from '../context.ts';
import type { Visitor } from '../inbound/identity.ts';
import { type ChannelMessage, parseSandboxRef } from './platform.ts';

/** What a sandbox channel page shows, read through the core's queries and from what the core posted to the platform. */

export const CHANNEL_NAME = /^[A-Za-z0-9_.-]{1,100}$/;

export interface SandboxChannel {
  placeholder: string;
  descriptions: string[];
  targets: { target: ChannelTargetRecord; programme: ProgrammeRecord }[];
}

export interface ThreadReply {
  id: string;
  ref: string;
  response: ResponseRecord;
  author: string;
  mine: boolean;
  children: ThreadReply[];
}

export interface PostedQuestion {
  type: 'question';
  at: Date;
  posting: PostingRecord;
  question: QuestionRecord;
  programme: ProgrammeRecord;
  card: QuestionCard;
  replies: ThreadReply[];
  replyCount: number;
  myVotes: VoteRecord[];
  /** On an agree/disagree question, what the visitor was dealt last. */
  dealt: DealtStatement | null;
  /** On an agree/disagree question whose positions participants see, the opinion map with the visitor's own dot. */
  opinionMap: YourOpinionMap | null;
}

export interface PostedMessage {
  type: 'message';
  at: Date;
  message: ChannelMessage;
  /** For a statement posted for review: whether it still waits, or how it was decided. */
  decision: 'pending' | 'approved' | 'rejected';
}

export type ChannelItem = PostedQuestion | PostedMessage;

/** Every sandbox channel the loaded programmes post to, by placeholder. */
export async function sandboxChannels(read: ConsultationReads): Promise<SandboxChannel[]> {
  const channels = new Map<string, SandboxChannel>();
  for (const { target, programme } of await read.channelsOn('web')) {
    const channel = channels.get(target.channelId) ?? {
      placeholder: target.channelId,
      descriptions: [],
      targets: [],
    };
    channel.targets.push({ target, programme });
    const description = programme.settings.channels?.find((c) => c.placeholder === target.placeholder)?.description;
    if (description && !channel.descriptions.includes(description)) channel.descriptions.push(description);
    channels.set(target.channelId, channel);
  }
  return [...channels.values()].sort((a, b) => a.placeholder.localeCompare(b.placeholder));
}

/** How a response's author is shown: by name, by pseudonym, or not at all (nothing about them reaches the page). */
export function authorLabel(anonymity: Anonymity, author: ParticipantRecord | undefined): string {
  if (anonymity === 'anonymous') return 'Anonymous';
  if (!author) return 'Someone';
  return anonymity === 'pseudonymous' ? author.pseudonym : author.displayName;
}

function threadOf(
  question: QuestionRecord,
  responses: ResponseRecord[],
  people: Map<string, ParticipantRecord>,
  me: ParticipantRecord | null,
): ThreadReply[] {
  const nodes = new Map<string, ThreadReply>();
  for (const response of responses) {
    const ref = response.messageRef ?? '';
    nodes.set(response.id, {
      id: parseSandboxRef(ref)?.id ?? response.id,
      ref,
      response,
      author: authorLabel(question.anonymity, people.get(response.participantId)),
      mine: me !== null && response.participantId === me.id,
      children: [],
    });
  }
  const roots: ThreadReply[] = [];
  for (const node of nodes.values()) {
    const parent = node.response.replyToId ? nodes.get(node.response.replyToId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** The card as the core last posted or updated it; read from the core when this process has not seen it yet. */
export async function cardFor(services: WebServices, posting: PostingRecord): Promise<QuestionCard | null> {
  const shown = services.platform.card(posting.messageRef);
  if (shown) return shown;
  const card = await services.options.consultation.read.card(posting.questionId);
  if (card) services.platform.rememberCard(posting.messageRef, card);
  return card;
}

/** Rejected statements are not listed any more: a review whose statement is gone was rejected. */
async function decisionOn(read: ConsultationReads, message: ChannelMessage): Promise<PostedMessage['decision']> {
  if (!message.review) return 'pending';
  const { questionId, statementId } = message.review;
  const statement = (await read.options(questionId, { includePending: true })).find((s) => s.id === statementId);
  return statement?.status === 'approved' ? 'approved' : statement?.status === 'pending' ? 'pending' : 'rejected';
}

export async function loadChannel(
  services: WebServices,
  channel: SandboxChannel,
  visitor: Visitor | null,
): Promise<ChannelItem[]> {
  const { read } = services.options.consultation;
  const me = visitor ? await read.participant('web', visitor.userId) : null;
  const items: ChannelItem[] = [];
  for (const { target, programme } of channel.targets) {
    for (const question of await read.questionsOf(programme.id)) {
      const posting = (await read.postingsOf(question.id)).find((p) => p.channelTargetId === target.id);
      if (!posting) continue;
      const card = await cardFor(services, posting);
      if (!card) continue;
      const responses = await read.repliesUnder(posting);
      const people =
        question.anonymity === 'anonymous'
          ? new Map<string, ParticipantRecord>()
          : new Map(
              (await read.participants([...new Set(responses.map((r) => r.participantId))])).map((p) => [p.id, p]),
            );
      const myVotes = me && question.kind !== 'open' ? await read.votesBy(question.id, me.id) : [];
      items.push({
        type: 'question',
        at: posting.postedAt,
        posting,
        question,
        programme,
        card,
        replies: threadOf(question, responses, people, me),
        replyCount: responses.length,
        myVotes,
        dealt: (visitor && services.dealt.shownTo(visitor.userId, question.id)) ?? null,
        opinionMap:
          question.kind === 'statements'
            ? await read.opinionMapFor(question, { platform: 'web', platformUserId: visitor?.userId ?? '' })
            : null,
      });
    }
  }
  for (const message of services.platform.messages(channel.placeholder))
    items.push({ type: 'message', at: message.at, message, decision: await decisionOn(read, message) });
  return items.sort((a, b) => a.at.getTime() - b.at.getTime());
}
