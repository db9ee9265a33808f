import type { Store } from '../ports/store.ts';
import type { ParticipantRecord } from '../records.ts';

/**
 * People known to the programme: anyone who responded or voted on any of its questions, except anonymous ones.
 * Activity on an anonymous question never makes someone known: a person whose only answer was anonymous would
 * otherwise appear under "not answered" elsewhere, telling organisers they answered the anonymous one.
 */
export async function knownParticipants(store: Store, programmeId: string): Promise<Set<string>> {
  const known = new Set<string>();
  for (const q of await store.questions.listByProgramme(programmeId)) {
    if (q.anonymity === 'anonymous') continue;
    for (const id of await store.responses.respondentIds(q.id)) known.add(id);
    for (const id of await store.votes.voterIds(q.id)) known.add(id);
  }
  return known;
}

/**
 * People known to the programme who have not yet answered this question. Chat platforms do not tell us who could
 * have answered, so the programme's own people are the base. Pass `known` when listing many questions.
 */
export async function listNonRespondents(
  store: Store,
  questionId: string,
  known?: Set<string>,
): Promise<ParticipantRecord[]> {
  const question = await store.questions.findById(questionId);
  if (!question) return [];
  const base = known ?? (await knownParticipants(store, question.programmeId));
  const answered = new Set([
    ...(await store.responses.respondentIds(questionId)),
    ...(await store.votes.voterIds(questionId)),
  ]);
  return store.participants.listByIds([...base].filter((id) => !answered.has(id)));
}
