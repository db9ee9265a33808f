import type { Store } from '../ports/store.ts';
import type { ParticipantRecord } from '../records.ts';

/**
 * People known to the programme (anyone who responded or voted on any of its questions) who have not yet answered
 * this question. Chat platforms do not tell us who could have answered, so the programme's own people are the base.
 */
export async function listNonRespondents(store: Store, questionId: string): Promise<ParticipantRecord[]> {
  const question = await store.questions.findById(questionId);
  if (!question) return [];
  const questions = await store.questions.listByProgramme(question.programmeId);
  const known = new Set<string>();
  for (const q of questions) {
    for (const id of await store.responses.respondentIds(q.id)) known.add(id);
    for (const id of await store.votes.voterIds(q.id)) known.add(id);
  }
  const answered = new Set([
    ...(await store.responses.respondentIds(questionId)),
    ...(await store.votes.voterIds(questionId)),
  ]);
  const missing = [...known].filter((id) => !answered.has(id));
  return store.participants.listByIds(missing);
}
