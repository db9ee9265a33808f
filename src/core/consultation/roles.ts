import { UserError } from '../errors.ts';
import type { ParticipantRecord } from '../records.ts';

/** Organiser commands are refused politely to participants. */
export function requireOrganiser(actor: Pick<ParticipantRecord, 'role'>, action: string): void {
  if (actor.role !== 'organiser') {
    throw new UserError(
      'NOT_ORGANISER',
      `Only organisers can ${action}. If you should be one, ask an organiser to add you to the organisers' list.`,
    );
  }
}
