import type { DigestEmailOutcome, DigestEmailRequest } from '../../src/core/digest-email/send-digest-email.ts';
import { AgoraError } from '../../src/core/errors.ts';
import type { JobHandler } from './scheduler.ts';

/** Runs a `digest-email` job: one recipient's e-mail of one week's digest. Throwing retries it with back-off. */
export function digestEmailJobHandler(send: (request: DigestEmailRequest) => Promise<DigestEmailOutcome>): JobHandler {
  return async (job) => {
    const { programmeId, week, to, role } = job.payload;
    if (typeof programmeId !== 'string' || typeof week !== 'string' || typeof to !== 'string')
      throw new AgoraError('JOB_INVALID', `job ${job.key} lacks the programme, week or address of the e-mail`, {
        job: job.key,
      });
    const outcome = await send({ programmeId, week, email: to, role: role === 'organiser' ? 'organiser' : 'reader' });
    if (!outcome.sent) return { status: 'skipped', note: outcome.why };
    return { status: 'done', note: `e-mailed to ${to} (${outcome.messageId})` };
  };
}
