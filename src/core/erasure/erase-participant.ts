import type { CoreDeps } from '../consultation/deps.ts';
import type { ErasedParticipant } from '../ports/store.ts';
import type { ParticipantRecord } from '../records.ts';
import { participantLinks } from '../roster/roster-participation.ts';
import { amendStoredDigests } from './amend-digests.ts';

/**
 * Erases a person from Agora's records at their request: everything the store holds of them (see
 * `ErasureRepository.eraseParticipant`), then quotes of their answers in stored digests, then their entries on any
 * programme's membership roster. The audit entry that records the erasure names no one.
 */
export async function eraseParticipant(deps: CoreDeps, person: ParticipantRecord): Promise<ErasedParticipant | null> {
  const { store, clock } = deps;
  const auditActors = [person.id, `participant:${person.id}`, `${person.platform}:${person.platformUserId}`];
  const erased = await store.erasure.eraseParticipant(person.id, auditActors);
  if (!erased) return null;
  const digests = await amendStoredDigests(store, erased, clock.now());
  const rosterEntries = await store.roster.forget(participantLinks(person));
  await store.audit.record({
    programmeId: null,
    actor: 'participant (erased)',
    action: 'participant.data_erased',
    detail: {
      responses: erased.responses,
      votes: erased.votes,
      statementsRemoved: erased.statementsRemoved,
      statementsUnattributed: erased.statementsUnattributed,
      digestsAmended: digests,
      rosterEntries,
    },
  });
  return erased;
}
