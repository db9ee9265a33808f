import type { CoreDeps } from '../../src/core/consultation/deps.ts';
import { purgeBookkeeping } from '../../src/core/inbound/purge-bookkeeping.ts';
import type { JobRepository } from '../../src/core/ports/store.ts';
import type { JobHandler } from './scheduler.ts';

export const BOOKKEEPING_JOB = 'bookkeeping';
const KEY = 'bookkeeping:purge';
const EVERY_MS = 6 * 3_600_000;

/** The recurring job that keeps the inbox and the seen-event ids bounded: every six hours, and once at start. */
export function bookkeepingJobHandlers(deps: CoreDeps): Record<string, JobHandler> {
  return {
    async [BOOKKEEPING_JOB](_job, now) {
      const purged = await purgeBookkeeping(deps, now);
      const note = `removed ${purged.inboxEvents} applied inbox event(s) and ${purged.seenEvents} seen event id(s) from before ${purged.before.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
      return { status: 'repeat', at: new Date(now.getTime() + EVERY_MS), note };
    },
  };
}

/** Plans the bookkeeping purge to run now (every replica may; the job table runs it once). */
export async function planBookkeeping(jobs: JobRepository, now: Date): Promise<void> {
  await jobs.schedule({ key: KEY, kind: BOOKKEEPING_JOB, payload: {}, runAt: now });
}
