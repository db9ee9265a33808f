import type { QuestionRecord } from '../records.ts';
import type { QuestionSummary } from '../summaries/model.ts';

/**
 * What keeps questions' summaries. Readers (digests, positions) read the stored summary and ask here only when
 * none stored still stands; the summariser computes the fresh one (a language model may write part of it) and keeps it.
 */
export interface Summariser {
  fresh(question: QuestionRecord): Promise<QuestionSummary>;
}
