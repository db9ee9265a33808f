import type { QuestionRecord } from '../../../src/core/records.ts';

/** "This poll is closed" in the flows, before anyone spends time ranking. */
export function notOpenText(question: QuestionRecord): string {
  if (question.status === 'scheduled') return 'This poll has not opened yet.';
  return 'This poll is closed; your vote was not counted.';
}

export function ordinal(n: number): string {
  const words = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];
  return words[n - 1] ?? `${n}th`;
}
