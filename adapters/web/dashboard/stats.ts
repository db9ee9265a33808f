import type { QuestionRecord } from '../../../src/core/records.ts';

/** Breakdowns of anonymous questions hide groups smaller than this, which could identify people. */
export const MIN_GROUP = 5;

/** A count as shown for this question: small groups of an anonymous question are not shown exactly. */
export function shownCount(question: QuestionRecord, count: number): string {
  if (question.anonymity === 'anonymous' && count > 0 && count < MIN_GROUP) return `fewer than ${MIN_GROUP}`;
  return String(count);
}
