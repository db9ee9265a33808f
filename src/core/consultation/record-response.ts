import { AgoraError } from '../errors.ts';
import type { PostingRecord, QuestionRecord, ResponseRecord } from '../records.ts';
import type { CoreDeps } from './deps.ts';
import type { PrivateAnswerSubmitted, ResponseDeleted, ResponseEdited, ResponsePosted } from './events.ts';

export type ResponseOutcome =
  | { status: 'recorded'; response: ResponseRecord; firstResponseToQuestion: boolean }
  | { status: 'duplicate'; response: ResponseRecord }
  | { status: 'not_a_response' }
  | { status: 'closed'; closedAt: Date | null };

function hasContent(body: string, attachments: unknown[]): boolean {
  return body.trim().length > 0 || attachments.length > 0;
}

/** The posting and question a thread reply answers, or why it would record nothing. */
export async function replyTarget(
  deps: CoreDeps,
  event: ResponsePosted,
): Promise<
  | { posting: PostingRecord; question: QuestionRecord }
  | Extract<ResponseOutcome, { status: 'closed' | 'not_a_response' }>
> {
  const { store } = deps;
  const posting = await store.postings.findByMessageOrThread(event.containerRef);
  if (!posting) return { status: 'not_a_response' };
  if (!hasContent(event.body, event.attachments)) return { status: 'not_a_response' };
  const question = await store.questions.findById(posting.questionId);
  if (!question) return { status: 'not_a_response' };
  if (question.status === 'closed' || question.status === 'archived')
    return { status: 'closed', closedAt: question.closedAt };
  return { posting, question };
}

/** Records a reply in a question's thread as a response, once per platform event. */
export async function recordResponse(deps: CoreDeps, event: ResponsePosted): Promise<ResponseOutcome> {
  const { store } = deps;
  const target = await replyTarget(deps, event);
  if ('status' in target) return target;
  const { posting, question } = target;
  const participant = await store.participants.upsert(event.author);
  const replyTo = event.replyToRef ? await store.responses.findByMessageRef(event.replyToRef) : null;
  const answeredBefore = await store.responses.hasResponded(question.id, participant.id);
  const { response, created } = await store.responses.record({
    questionId: question.id,
    postingId: posting.id,
    participantId: participant.id,
    body: event.body,
    private: false,
    messageRef: event.messageRef,
    replyToId: replyTo?.id ?? null,
    attachments: event.attachments,
    idempotencyKey: event.idempotencyKey,
    createdAt: event.at,
  });
  if (!created) return { status: 'duplicate', response };
  return {
    status: 'recorded',
    response,
    firstResponseToQuestion: !answeredBefore,
  };
}

/** Records a private answer (a modal or form), stored apart from the thread and never echoed in it. */
export async function recordPrivateAnswer(deps: CoreDeps, event: PrivateAnswerSubmitted): Promise<ResponseOutcome> {
  const { store } = deps;
  if (!event.body.trim())
    throw new AgoraError(
      'RESPONSE_EMPTY',
      'Your answer was empty, so nothing was saved. Write a few words and send it again.',
    );
  const question = await store.questions.findById(event.questionId);
  if (!question) throw new AgoraError('QUESTION_NOT_FOUND', 'That question no longer exists.');
  if (question.status !== 'open') return { status: 'closed', closedAt: question.closedAt };
  const participant = await store.participants.upsert(event.author);
  const answeredBefore = await store.responses.hasResponded(question.id, participant.id);
  const { response, created } = await store.responses.record({
    questionId: question.id,
    postingId: null,
    participantId: participant.id,
    body: event.body,
    private: true,
    messageRef: null,
    replyToId: null,
    attachments: [],
    idempotencyKey: event.idempotencyKey,
    createdAt: event.at,
  });
  if (!created) return { status: 'duplicate', response };
  return { status: 'recorded', response, firstResponseToQuestion: !answeredBefore };
}

/** An edit adds a revision; the same edit delivered twice adds one. Edits of messages we never stored are ignored. */
export async function recordEdit(deps: CoreDeps, event: ResponseEdited): Promise<'revised' | 'duplicate' | 'unknown'> {
  const response = await deps.store.responses.findByMessageRef(event.messageRef);
  if (!response) return 'unknown';
  if (response.body === event.body) return 'duplicate';
  const revised = await deps.store.responses.revise(response.id, event.body, event.idempotencyKey, event.at);
  return revised ? 'revised' : 'duplicate';
}

/** A deletion marks the response deleted: kept for the audit, left out of digests and summaries. */
export async function recordDeletion(deps: CoreDeps, event: ResponseDeleted): Promise<'deleted' | 'unknown'> {
  const response = await deps.store.responses.findByMessageRef(event.messageRef);
  if (!response) return 'unknown';
  await deps.store.responses.markDeleted(response.id, event.at);
  return 'deleted';
}
