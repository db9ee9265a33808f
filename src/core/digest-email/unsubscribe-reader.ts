import type { CoreDeps } from '../consultation/deps.ts';
import type { ProgrammeRecord } from '../records.ts';
import { verifyUnsubscribeToken } from './unsubscribe-token.ts';

export type UnsubscribeOutcome =
  | { status: 'unsubscribed' | 'already'; programme: ProgrammeRecord; email: string }
  | { status: 'invalid' };

/** Checks a reader's unsubscribe token and, when it is good, stops that programme's digest e-mails to them. */
export async function unsubscribeReader(deps: CoreDeps, secret: string, token: string): Promise<UnsubscribeOutcome> {
  const subject = verifyUnsubscribeToken(secret, token);
  const programme = subject ? await deps.store.programmes.findById(subject.programmeId) : null;
  if (!subject || !programme) return { status: 'invalid' };
  const added = await deps.store.emailOptOuts.add(programme.id, subject.email, deps.clock.now());
  if (added)
    await deps.store.audit.record({
      programmeId: programme.id,
      actor: 'reader',
      action: 'digest.email.unsubscribed',
      detail: { email: subject.email },
    });
  return { status: added ? 'unsubscribed' : 'already', programme, email: subject.email };
}

/** Whether a token is good, without acting on it (the confirmation page a GET shows). */
export async function unsubscribeTarget(
  deps: CoreDeps,
  secret: string,
  token: string,
): Promise<{ programme: ProgrammeRecord; email: string } | null> {
  const subject = verifyUnsubscribeToken(secret, token);
  const programme = subject ? await deps.store.programmes.findById(subject.programmeId) : null;
  return subject && programme ? { programme, email: subject.email } : null;
}
