import type { RepliedResponse } from '../ports/reporting.ts';
import type { ParticipantRecord, QuestionRecord, ResponseRecord } from '../records.ts';
import { reportCount } from '../small-counts.ts';
import type { MessageLinks } from './message-links.ts';
import type { DigestQuote } from './model.ts';

export const QUOTE_LIMIT = 1000;

/** How a person is named under a question: display name, pseudonym, or not at all (anonymous). */
export function authorLabel(question: Pick<QuestionRecord, 'anonymity'>, person: ParticipantRecord): string | null {
  if (question.anonymity === 'anonymous') return null;
  return question.anonymity === 'pseudonymous' ? person.pseudonym : person.displayName;
}

/** The Monday (00:00 UTC) that starts the ISO week of an instant. */
export function weekStartOf(at: Date): Date {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  return day;
}

/** When an answer was given, as far as its question's anonymity allows: to the week only for anonymous ones. */
export function reportedInstant(question: Pick<QuestionRecord, 'anonymity'>, at: Date): string {
  return (question.anonymity === 'anonymous' ? weekStartOf(at) : at).toISOString();
}

/**
 * The link a quote or row may carry: none for private answers and anonymous questions (a message link names its
 * author on the platform), else the platform's own link to the message.
 */
export function quoteLink(
  links: MessageLinks,
  question: QuestionRecord,
  response: Pick<ResponseRecord, 'private' | 'messageRef' | 'postingId'>,
): Promise<string | null> {
  if (question.anonymity === 'anonymous' || response.private) return Promise.resolve(null);
  return links.link(question.id, response.messageRef, response.postingId);
}

/**
 * A verbatim quote: the text exactly as written (cut, and marked, past 1,000 characters), named as the question's
 * anonymity allows, with a link to the source message unless the answer was private or the question anonymous.
 */
export async function toQuote(
  question: QuestionRecord,
  response: RepliedResponse,
  previousEnd: Date | null,
  links: MessageLinks,
): Promise<DigestQuote> {
  const anonymous = question.anonymity === 'anonymous';
  const truncated = response.body.length > QUOTE_LIMIT;
  return {
    responseId: anonymous ? null : response.id,
    text: truncated ? `${response.body.slice(0, QUOTE_LIMIT)}…` : response.body,
    truncated,
    author: authorLabel(question, response.author),
    at: reportedInstant(question, response.createdAt),
    link: await quoteLink(links, question, response),
    replies: reportCount(response.replies, anonymous),
    isNew: previousEnd === null || response.createdAt >= previousEnd,
  };
}
