import type { CoreDeps } from '../consultation/deps.ts';
import { UserError } from '../errors.ts';
import type { PostedMessage, StatementForReview } from '../ports/chat-platform.ts';
import type { ChannelTargetRecord, ParticipantRecord, PollOptionRecord, ProgrammeRecord } from '../records.ts';
import type { Anonymity, PlatformIdentity } from '../types.ts';
import { organiserChannels } from './organiser-channels.ts';
import type { NoticeToOther } from './reply-author-notice.ts';
import { findStatementQuestion, requireOpen } from './statement-question.ts';
import { checkStatement } from './statement-text.ts';

export interface StatementSubmitted {
  questionId: string;
  author: PlatformIdentity;
  /** What the platform knows of the author (organiser role, organisers' list). */
  authorIsOrganiser: boolean;
  text: string;
  at: Date;
}

export interface StatementAdded {
  statement: PollOptionRecord;
  /** What to tell the author. */
  message: string;
  /** Others to tell, once it is applied (the reply's author, when an organiser proposed their words). */
  alsoTell?: NoticeToOther[];
  /** The organisers' review it waits for, posted once it is applied (never from inside its transaction). */
  review?: ReviewRequest;
}

export interface ReviewRequest {
  /** The organisers' channels on connected platforms, as they were when the statement was added. */
  targets: ChannelTargetRecord[];
  review: StatementForReview;
}

/**
 * A participant adds a statement to an agree/disagree question. Where the programme asks for approval (and the
 * author is not an organiser) it waits in the organisers' channel; otherwise it is dealt at once. As in Pol.is,
 * the author is counted as agreeing with their own statement.
 */
export async function addStatement(deps: CoreDeps, event: StatementSubmitted): Promise<StatementAdded> {
  const { store } = deps;
  const { question, programme } = await findStatementQuestion(deps, event.questionId);
  if (question.config.participantStatements === false) {
    throw new UserError(
      'STATEMENT_INVALID',
      'This question takes votes on its own statements only; new ones cannot be added.',
    );
  }
  requireOpen(question, 'add a statement');
  const existing = await store.questions.options(question.id, { includePending: true });
  const text = checkStatement(event.text, existing);
  const author = await store.participants.upsert(event.author);
  const organiser = event.authorIsOrganiser || author.role === 'organiser';
  const needsApproval = programme.settings.statementApproval && !organiser;
  const statement = await store.questions.addStatement({
    questionId: question.id,
    label: text,
    authorId: author.id,
    status: needsApproval ? 'pending' : 'approved',
    createdAt: event.at,
  });
  await store.audit.record({
    programmeId: programme.id,
    // The audit log is on the dashboard: on an anonymous question it must not say who proposed what.
    actor: question.anonymity === 'anonymous' ? 'participant' : author.id,
    action: 'statement.added',
    detail: { question: question.key, statement: statement.key, status: statement.status },
  });
  if (!needsApproval) {
    await countAuthorAgreeing(deps, question.id, author.id, statement.key, event.at);
    return { statement, message: `Added: "${text}". Others will now be asked whether they agree.` };
  }
  const review = {
    questionId: question.id,
    statementId: statement.id,
    prompt: question.prompt,
    text,
    author: reviewAuthor(question.anonymity, author),
  };
  return awaitingApproval(deps, programme, statement, review);
}

/**
 * A statement that waits for an organiser: the review to post once it is applied, and what its author is told
 * (whether any organisers' channel will see it).
 */
export async function awaitingApproval(
  deps: CoreDeps,
  programme: ProgrammeRecord,
  statement: PollOptionRecord,
  review: StatementForReview,
): Promise<StatementAdded> {
  const targets = (await organiserChannels(deps.store, programme)).filter((t) => deps.platforms.get(t.platform));
  const waiting = `Thank you. "${review.text}" is waiting for an organiser's approval`;
  return {
    statement,
    message: targets.length > 0 ? `${waiting}; it will be dealt to others once approved.` : `${waiting}.`,
    review: { targets, review },
  };
}

export async function countAuthorAgreeing(
  deps: CoreDeps,
  questionId: string,
  participantId: string,
  statementKey: string,
  at: Date,
): Promise<void> {
  await deps.store.votes.set({
    questionId,
    participantId,
    subject: statementKey,
    choice: ['agree'],
    idempotencyKey: `statement-author:${questionId}:${statementKey}`,
    at,
  });
}

/**
 * Posts the statement to the organisers' channels, keeping each card so that all of them show the decision. An
 * effect: it runs once the statement is committed, so a batch that is rolled back and applied again posts once.
 */
export async function sendForReview(deps: CoreDeps, { targets, review }: ReviewRequest): Promise<void> {
  for (const target of targets) {
    const platform = deps.platforms.get(target.platform);
    if (!platform) continue;
    let card: PostedMessage;
    try {
      card = await platform.postStatementForReview(target, review);
    } catch (error) {
      deps.logger.error(
        { err: error, statement: review.statementId, channel: target.channelId },
        'posting a statement for review failed',
      );
      continue;
    }
    await deps.store.questions.addReviewCard(review.statementId, card.messageRef);
  }
}

/** How the approval card names who proposed a statement: never at all on an anonymous question. */
export function reviewAuthor(anonymity: Anonymity, author: Pick<ParticipantRecord, 'displayName' | 'pseudonym'>) {
  if (anonymity === 'anonymous') return 'A participant (anonymous question: no name or pseudonym is shown)';
  return anonymity === 'named' ? author.displayName : author.pseudonym;
}
