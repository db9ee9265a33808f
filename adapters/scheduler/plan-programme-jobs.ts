import { planTimeline } from '../../src/core/consultation/plan-timeline.ts';
import type { Clock } from '../../src/core/ports/clock.ts';
import type { Logger } from '../../src/core/ports/logger.ts';
import type { Store } from '../../src/core/ports/store.ts';

export interface PlanSummary {
  slug: string;
  planned: number;
  cancelled: number;
}

/**
 * Stores the jobs of a programme's timeline, after it is loaded (and on every start). Pending jobs take the new
 * times; jobs that have run keep their outcome; pending jobs of removed questions and dropped reminders go.
 * A digest that is due but has not gone out yet is kept, so that a restart at the wrong moment does not lose it.
 */
export async function planProgrammeJobs(
  deps: { store: Store; clock: Clock; logger: Logger },
  slug: string,
): Promise<PlanSummary> {
  const { store, clock, logger } = deps;
  const programme = await store.programmes.findBySlug(slug);
  if (!programme) return { slug, planned: 0, cancelled: 0 };
  const now = clock.now();
  const questions = await store.questions.listByProgramme(programme.id, { includeArchived: true });
  const plan = planTimeline(programme, questions, now);
  for (const job of plan.jobs) await store.jobs.schedule(job);
  const dueDigests = (await store.jobs.list({ status: 'pending', prefix: `digest:${programme.id}:` }))
    .filter((job) => job.runAt <= now)
    .map((job) => job.key);
  let cancelled = 0;
  for (const { prefix, keep } of plan.cancel) {
    cancelled += await store.jobs.cancelPending(prefix, prefix.startsWith('digest:') ? [...keep, ...dueDigests] : keep);
  }
  logger.info({ programme: slug, planned: plan.jobs.length, cancelled }, 'programme jobs planned');
  return { slug, planned: plan.jobs.length, cancelled };
}
