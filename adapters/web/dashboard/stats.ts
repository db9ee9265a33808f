import type { QuestionRecord } from '../../../src/core/records.ts';
import { reportCount } from '../../../src/core/small-counts.ts';

/** A count as shown for this question, by the same small-count rule as every report. */
export function shownCount(question: QuestionRecord, count: number): string {
  return String(reportCount(count, question.anonymity === 'anonymous'));
}
