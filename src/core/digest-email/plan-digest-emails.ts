import type { CoreDeps } from '../consultation/deps.ts';
import type { ProgrammeRecord } from '../records.ts';

/** Who receives a programme's digest by e-mail, and as what: organisers always, readers until they unsubscribe. */
export interface DigestRecipient {
  email: string;
  role: 'organiser' | 'reader';
}

export const DIGEST_EMAIL_JOB = 'digest-email';

export const digestEmailJobPrefix = (programmeId: string, week: string) =>
  `${DIGEST_EMAIL_JOB}:${programmeId}:${week}:`;

export async function digestRecipients(deps: CoreDeps, programme: ProgrammeRecord): Promise<DigestRecipient[]> {
  const list = programme.settings.digestEmail;
  if (!list) return [];
  const optedOut = new Set(await deps.store.emailOptOuts.list(programme.id));
  return [
    ...list.organisers.map((email) => ({ email, role: 'organiser' as const })),
    ...list.readers
      .filter((email) => !optedOut.has(email.toLowerCase()))
      .map((email) => ({ email, role: 'reader' as const })),
  ];
}

/**
 * Schedules one durable job per recipient of a week's digest, each sent (and retried with back-off) on its own, so
 * that one refused address does not hold back the others. Planning again for the same week keeps what was sent.
 */
export async function planDigestEmails(deps: CoreDeps, programme: ProgrammeRecord, week: string): Promise<number> {
  const recipients = await digestRecipients(deps, programme);
  const now = deps.clock.now();
  for (const recipient of recipients) {
    await deps.store.jobs.schedule({
      key: `${digestEmailJobPrefix(programme.id, week)}${recipient.email.toLowerCase()}`,
      kind: DIGEST_EMAIL_JOB,
      payload: { programmeId: programme.id, week, to: recipient.email, role: recipient.role },
      runAt: now,
    });
  }
  return recipients.length;
}
