import { createHash } from 'node:crypto';
import type { Store } from '../ports/store.ts';
import type { QuestionRecord } from '../records.ts';
import type { DigestPositions, DigestQuestion } from './model.ts';
import { toQuote } from './quotes.ts';
import type { DigestWeek } from './weeks.ts';

/**
 * Where a digest's "positions" on an open question come from. The default takes the most-replied responses;
 * opinion groups and themes plug in here by passing another source in the digest options.
 */
export interface PositionsSource {
  readonly name: string;
  positions(context: PositionsContext): Promise<DigestPositions>;
}

export interface PositionsContext {
  store: Store;
  question: QuestionRecord;
  week: DigestWeek;
  /** The same question in the previous digest, to tell which positions are new. */
  previous: DigestQuestion | null;
  previousEnd: Date | null;
}

export const POSITION_LIMIT = 3;

/** A stable id for a position built on one response, that does not reveal the response's id. */
export function positionId(questionId: string, responseId: string): string {
  return `p-${createHash('sha256').update(`${questionId}\n${responseId}`).digest('hex').slice(0, 12)}`;
}

export const mostRepliedPositions: PositionsSource = {
  name: 'most-replied',
  async positions({ store, question, week, previous, previousEnd }) {
    const seen = new Set(previous?.positions?.items.map((p) => p.id) ?? []);
    const top = await store.reporting.mostReplied(question.id, { until: week.end, limit: POSITION_LIMIT });
    return {
      source: 'most-replied',
      description: 'The responses with the most replies so far (opinion groups and themes are not computed yet).',
      items: top.map((response) => {
        const quote = toQuote(question, response, previousEnd);
        const id = positionId(question.id, response.id);
        return {
          id,
          summary: quote.text.length > 280 ? `${quote.text.slice(0, 280)}…` : quote.text,
          support: quote.replies,
          supportLabel: 'replies',
          quotes: [quote],
          isNew: !seen.has(id),
        };
      }),
    };
  },
};
