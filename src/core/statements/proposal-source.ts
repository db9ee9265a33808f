import type { CoreDeps } from '../consultation/deps.ts';
import { messageLinks } from '../digest/message-links.ts';
import { UserError } from '../errors.ts';
import type { ParticipantRecord, ProgrammeRecord, QuestionRecord, ResponseRecord } from '../records.ts';
import type { PlatformIdentity } from '../types.ts';
import { findStatementQuestion, requireOpen } from './statement-question.ts';
import { STATEMENT_MAX_LENGTH } from './statement-text.ts';

/** A reply in an agree/disagree question's thread that this person may propose as a statement. */
export interface ProposalSource {
  response: ResponseRecord;
  question: QuestionRecord;
  programme: ProgrammeRecord;
  /** Who wrote the reply: credited with the statement whoever proposes it. */
  author: ParticipantRecord;
  /** Whether the proposer is the reply's author, and whether they are an organiser (one of the two holds). */
  byAuthor: boolean;
  byOrganiser: boolean;
}

/**
 * The reply a statement would be proposed from, with its question, refused with the reason when it cannot be: no
 * reply recorded there, a question without statements, a closed question, or a proposer who is neither the reply's
 * author nor an organiser.
 */
export async function findProposalSource(
  deps: CoreDeps,
  input: { replyRef: string; proposer: PlatformIdentity; proposerIsOrganiser: boolean },
): Promise<ProposalSource> {
  const { store } = deps;
  const response = await store.responses.findByMessageRef(input.replyRef);
  if (!response || response.deletedAt || response.private) {
    throw new UserError(
      'RESPONSE_NOT_FOUND',
      "Agora has no reply recorded at that message: only replies in a question's thread can be proposed as statements.",
    );
  }
  const question = await store.questions.findById(response.questionId);
  if (question?.kind !== 'statements') {
    throw new UserError(
      'STATEMENT_INVALID',
      'That reply answers a question without agree/disagree statements, so it has no map to add to. Only replies to an agree/disagree question can be proposed as statements.',
      { question: question?.key },
    );
  }
  const { programme } = await findStatementQuestion(deps, question.id);
  if (question.config.participantStatements === false) {
    throw new UserError(
      'STATEMENT_INVALID',
      'This question takes votes on its own statements only; new ones cannot be added.',
    );
  }
  requireOpen(question, 'propose a statement');
  const author = await store.participants.findById(response.participantId);
  if (!author) throw new UserError('RESPONSE_NOT_FOUND', 'The author of that reply is no longer known to Agora.');
  const byAuthor =
    author.platform === input.proposer.platform && author.platformUserId === input.proposer.platformUserId;
  const byOrganiser = await isOrganiser(deps, input);
  if (!byAuthor && !byOrganiser) {
    throw new UserError(
      'NOT_YOUR_REPLY',
      'Only the person who wrote that reply, or an organiser, can propose it as a statement. You can add a statement of your own with "Add a statement".',
    );
  }
  return { response, question, programme, author, byAuthor, byOrganiser };
}

async function isOrganiser(
  deps: CoreDeps,
  input: { proposer: PlatformIdentity; proposerIsOrganiser: boolean },
): Promise<boolean> {
  if (input.proposerIsOrganiser) return true;
  const known = await deps.store.participants.find(input.proposer.platform, input.proposer.platformUserId);
  return known?.role === 'organiser';
}

/** The link to the reply, from the platform that holds it; null when that platform is not connected here. */
export function replyLink(deps: CoreDeps, response: ResponseRecord): Promise<string | null> {
  return messageLinks(deps.store, deps.platforms).link(response.questionId, response.messageRef, response.postingId);
}

/** What the proposal form starts with: the reply on one line, cut at a word within the statement length. */
export function proposalDraft(body: string): string {
  const line = body.replace(/\s+/g, ' ').trim();
  if (line.length <= STATEMENT_MAX_LENGTH) return line;
  const cut = line.slice(0, STATEMENT_MAX_LENGTH + 1);
  const lastSpace = cut.lastIndexOf(' ');
  return (lastSpace > STATEMENT_MAX_LENGTH / 2 ? cut.slice(0, lastSpace) : cut.slice(0, STATEMENT_MAX_LENGTH)).trim();
}
