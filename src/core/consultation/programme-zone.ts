import type { QuestionRecord } from '../records.ts';
import type { CoreDeps } from './deps.ts';

/** The time zone a question's programme is written in; UTC when the programme is gone. */
export async function programmeZone(deps: Pick<CoreDeps, 'store'>, question: QuestionRecord): Promise<string> {
  return (await deps.store.programmes.findById(question.programmeId))?.timezone ?? 'UTC';
}
