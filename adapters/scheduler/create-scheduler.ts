import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { CoreDeps } from '../../src/core/consultation/deps.ts';
import { reportDeadJob } from './dead-letter.ts';
import { type ConsultationJobOptions, consultationJobHandlers } from './job-handlers.ts';
import { type JobHandler, Scheduler, type SchedulerOptions } from './scheduler.ts';
import { type SummaryJobOptions, summaryJobHandlers } from './summary-jobs.ts';

export interface ConsultationSchedulerOptions
  extends ConsultationJobOptions,
    Partial<Pick<SchedulerOptions, 'tick' | 'leaseMs' | 'batchSize' | 'maxBatches' | 'maxAttempts' | 'retryDelaysMs'>> {
  /** Defaults to `hostname:pid:random`. */
  workerId?: string;
  /** Further job kinds, alongside (or replacing) the consultation's own. */
  handlers?: Record<string, JobHandler>;
  /** Background refresh of summaries (debounce, sweep interval, written-summary settings). */
  summaries?: SummaryJobOptions;
}

/** A worker id unique to this process: `hostname:pid:random`. */
export function defaultWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/** The scheduler of a running Agora: the consultation's job kinds, dead jobs reported to the organisers. */
export function createConsultationScheduler(deps: CoreDeps, options: ConsultationSchedulerOptions): Scheduler {
  const { workerId, handlers, summaries, quietHours, reminderIntervalHours, deliverDigest, waitForOpenMs, ...tuning } =
    options;
  return new Scheduler({
    ...tuning,
    jobs: deps.store.jobs,
    clock: deps.clock,
    logger: deps.logger,
    workerId: workerId ?? defaultWorkerId(),
    handlers: {
      ...consultationJobHandlers(deps, { quietHours, reminderIntervalHours, deliverDigest, waitForOpenMs }),
      ...summaryJobHandlers(deps, summaries),
      ...handlers,
    },
    onDead: async (job, error) => {
      await reportDeadJob(deps, job, error);
    },
  });
}
