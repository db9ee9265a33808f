import type { Store } from '../ports/store.ts';
import type { QuestionRecord } from '../records.ts';
import type { QuestionKind } from '../types.ts';
import type { DigestPositions, DigestQuestion } from './model.ts';
import type { DigestWeek } from './weeks.ts';

/**
 * Where a digest's positions come from. The digest asks only about the kinds of question a source describes;
 * stored summaries (src/core/summaries) are the default, and a test or a deployment may pass another.
 */
export interface PositionsSource {
  readonly name: string;
  readonly kinds: readonly QuestionKind[];
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
