import type { CoreDeps } from '../consultation/deps.ts';
import type { Recipient } from '../ports/chat-platform.ts';
import { proposedFromYourReplyNotice } from '../presentation/notice-wording.ts';
import type { ParticipantRecord, PollOptionRecord, QuestionRecord, ResponseRecord } from '../records.ts';
import type { Platform } from '../types.ts';

/** A private notice for someone other than the person who acted, sent once what they did is applied. */
export interface NoticeToOther {
  platform: Platform;
  recipient: Recipient;
  text: string;
}

/**
 * The notice telling the author of a reply, privately and on the platform they wrote it on, that an organiser made a
 * statement of it; null when they cannot be reached (the statement stands whether or not they are told).
 */
export async function replyAuthorNotice(
  deps: CoreDeps,
  input: {
    question: QuestionRecord;
    response: ResponseRecord;
    author: ParticipantRecord;
    organiser: ParticipantRecord;
    statement: PollOptionRecord;
  },
): Promise<NoticeToOther | null> {
  const { question, response, author, organiser, statement } = input;
  const recipient = await recipientOf(deps, response, author);
  if (!recipient) {
    deps.logger.warn({ statement: statement.id }, 'the author of a reply made a statement could not be told');
    return null;
  }
  const text = proposedFromYourReplyNotice({
    organiser: organiser.displayName,
    prompt: question.prompt,
    text: statement.label,
    status: statement.status === 'approved' ? 'approved' : 'pending',
    anonymous: question.anonymity === 'anonymous',
  });
  return { platform: author.platform, recipient, text };
}

/** The author, reached where their reply was written (the question's channel, for an ephemeral fallback). */
async function recipientOf(
  deps: CoreDeps,
  response: ResponseRecord,
  author: ParticipantRecord,
): Promise<Recipient | null> {
  if (!response.postingId) return null;
  const posting = (await deps.store.postings.listByQuestion(response.questionId)).find(
    (p) => p.id === response.postingId,
  );
  const target = posting ? await deps.store.channels.targetById(posting.channelTargetId) : null;
  if (target?.platform !== author.platform) return null;
  const channel = { platform: target.platform, workspaceId: target.workspaceId, channelId: target.channelId };
  return { platformUserId: author.platformUserId, workspaceId: target.workspaceId, channel };
}
