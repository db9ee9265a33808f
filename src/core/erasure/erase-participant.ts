import type { CoreDeps } from '../consultation/deps.ts';
import { messageActor, personActor } from '../inbound/inbound-event.ts';
import type { ErasedParticipant } from '../ports/store.ts';
import type { ParticipantRecord } from '../records.ts';
import { participantLinks } from '../roster/roster-participation.ts';
import { amendStoredDigests } from './amend-digests.ts';

export interface ErasureDone extends ErasedParticipant {
  /** Inbox events of theirs never applied (waiting, or parked): dropped, never recorded. */
  unrecordedDropped: number;
}

/**
 * Erases a person from Agora's records at their request: every copy of their events in the inbound inbox (applied
 * or not: an event still waiting would otherwise bring them back), everything the store holds of them (see
 * `ErasureRepository.eraseParticipant`), then quotes of their answers in stored digests. The audit entry that
 * records the erasure names no one.
 * Erases a person from Agora's records at their request: everything the store holds of them (see
 * `ErasureRepository.eraseParticipant`), then quotes of their answers in stored digests, then their entries on any
 * programme's membership roster. The audit entry that records the erasure names no one.
 */
export async function eraseParticipant(deps: CoreDeps, person: ParticipantRecord): Promise<ErasureDone | null> {
  const { store, clock } = deps;
  const refs = (await store.responses.listByParticipant(person.id)).flatMap((r) =>
    r.messageRef ? [r.messageRef] : [],
  );
  const inbox = await store.inbox.eraseFor([
    personActor(person.platform, person.platformUserId),
    ...refs.map(messageActor),
  ]);
  const unrecordedDropped = inbox.pending + inbox.parked;
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
      inboxEvents: inbox.pending + inbox.applied + inbox.parked,
      rosterEntries,
    },
  });
  return { ...erased, unrecordedDropped };
}
