import cron, { type ScheduledTask } from 'node-cron';
import { AgoraError } from '../../src/core/errors.ts';
import type { Clock } from '../../src/core/ports/clock.ts';
import type { Logger } from '../../src/core/ports/logger.ts';
import type { JobRepository } from '../../src/core/ports/store.ts';
import type { JobRecord } from '../../src/core/records.ts';
import { retryDelay } from './backoff.ts';

/** What a job handler reports. Throwing means the attempt failed: the job is retried with back-off. */
export type JobOutcome =
  /** The work is done; the note says what happened (shown by `agora jobs list`). */
  | { status: 'done'; note?: string }
  /** Nothing to do, and the note says why (e.g. a reminder for a question that has closed). */
  | { status: 'skipped'; note: string }
  /** Not now: run again at `until`; this attempt does not count as a failure (e.g. quiet hours). */
  | { status: 'deferred'; until: Date; note: string }
  /** Done for now; the same job runs again at `at` (a recurring job such as retention). */
  | { status: 'repeat'; at: Date; note: string };

export type JobHandler = (job: JobRecord, now: Date) => Promise<JobOutcome>;

export interface SchedulerOptions {
  jobs: JobRepository;
  clock: Clock;
  logger: Logger;
  /** Unique per process, e.g. `hostname:pid:random`: leases are held in its name. */
  workerId: string;
  /** One handler per job kind. */
  handlers: Record<string, JobHandler>;
  /** Told about a job that has failed `maxAttempts` times and will not be retried. */
  onDead?: (job: JobRecord, error: string) => Promise<void>;
  /** The cron expression that nudges the job table (default: every minute). */
  tick?: string;
  /** How long a claimed job is ours; after that another worker may take it over. Longer than any job runs. */
  leaseMs?: number;
  /** Jobs claimed at a time. */
  batchSize?: number;
  /** Claims per `runDue`, so that a handler that keeps rescheduling itself cannot hold a tick for ever. */
  maxBatches?: number;
  /** Attempts before a job is dead. */
  maxAttempts?: number;
  /** Delay before attempt n+1 after attempt n failed; the last entry repeats. */
  retryDelaysMs?: number[];
}

export interface RunSummary {
  claimed: number;
  done: number;
  skipped: number;
  deferred: number;
  failed: number;
  dead: number;
}

const DEFAULTS = { tick: '* * * * *', leaseMs: 10 * 60_000, batchSize: 20, maxBatches: 200, maxAttempts: 5 };

function describe(error: unknown): string {
  if (error instanceof AgoraError) return `${error.code}: ${error.message}`;
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

/**
 * Runs the durable job table. The cron tick only nudges it: every tick claims the jobs that are due (each under a
 * lease, so that replicas never run the same job at once, and a job whose worker died is taken over once the
 * lease expires), runs each through the handler for its kind, and records the outcome. A failed attempt is retried
 * with back-off; after `maxAttempts` the job is dead and `onDead` is told.
 */
export class Scheduler {
  readonly workerId: string;
  readonly #options: SchedulerOptions & typeof DEFAULTS;
  #task: ScheduledTask | null = null;
  #running: Promise<RunSummary | null> | null = null;
  #stopping = false;

  constructor(options: SchedulerOptions) {
    this.#options = {
      ...options,
      tick: options.tick ?? DEFAULTS.tick,
      leaseMs: options.leaseMs ?? DEFAULTS.leaseMs,
      batchSize: options.batchSize ?? DEFAULTS.batchSize,
      maxBatches: options.maxBatches ?? DEFAULTS.maxBatches,
      maxAttempts: options.maxAttempts ?? DEFAULTS.maxAttempts,
    };
    this.workerId = options.workerId;
  }

  /** Starts the cron tick, and runs once at once so that jobs missed while stopped are caught up. */
  start(): void {
    if (this.#task) return;
    const { tick, logger } = this.#options;
    if (!cron.validate(tick))
      throw new AgoraError('CONFIG_INVALID', `SCHEDULER_TICK "${tick}" is not a cron expression`);
    this.#task = cron.schedule(tick, () => this.#tick(), { name: `agora-scheduler-${this.workerId}`, noOverlap: true });
    logger.info({ worker: this.workerId, tick }, 'scheduler started');
    void this.#tick();
  }

  /** Stops the tick, lets the job in hand finish and hands the rest of its batch back for others to run now. */
  async stop(): Promise<void> {
    this.#stopping = true;
    const task = this.#task;
    this.#task = null;
    if (task) await task.destroy();
    await this.#running?.catch(() => {});
    this.#options.logger.info({ worker: this.workerId }, 'scheduler stopped');
  }

  #tick(): Promise<unknown> {
    if (this.#running) return this.#running;
    this.#running = this.runDue()
      .catch((error: unknown) => {
        this.#options.logger.error({ err: error, worker: this.workerId }, 'scheduler tick failed');
        return null;
      })
      .finally(() => {
        this.#running = null;
      });
    return this.#running;
  }

  /** Claims and runs every job due now, batch by batch, until none is left. */
  async runDue(): Promise<RunSummary> {
    const { jobs, clock, leaseMs, batchSize, maxBatches } = this.#options;
    const summary: RunSummary = { claimed: 0, done: 0, skipped: 0, deferred: 0, failed: 0, dead: 0 };
    for (let batch = 0; batch < maxBatches && !this.#stopping; batch++) {
      const claimed = await jobs.claimDue(this.workerId, clock.now(), leaseMs, batchSize);
      if (claimed.length === 0) break;
      summary.claimed += claimed.length;
      for (const [i, job] of claimed.entries()) {
        if (this.#stopping) {
          await this.#handBack(claimed.slice(i));
          break;
        }
        summary[await this.#run(job)]++;
      }
    }
    return summary;
  }

  /** Claimed jobs not started when stopping go back to pending at once, rather than wait for their lease. */
  async #handBack(unstarted: JobRecord[]): Promise<void> {
    for (const job of unstarted)
      await this.#options.jobs.release(job.id, this.workerId, job.runAt, 'handed back when its worker stopped');
    this.#options.logger.info({ worker: this.workerId, jobs: unstarted.length }, 'unstarted jobs handed back');
  }

  async #run(job: JobRecord): Promise<Exclude<keyof RunSummary, 'claimed'>> {
    const { handlers, clock, maxAttempts } = this.#options;
    if (job.attempts > maxAttempts) {
      return this.#failed(job, `abandoned ${job.attempts - 1} times (its worker stopped before finishing)`);
    }
    const handler = handlers[job.kind];
    if (!handler) return this.#failed(job, `no handler for jobs of kind "${job.kind}"`);
    let outcome: JobOutcome;
    try {
      outcome = await handler(job, clock.now());
    } catch (error) {
      return this.#failed(job, describe(error));
    }
    return this.#record(job, outcome);
  }

  async #record(job: JobRecord, outcome: JobOutcome): Promise<'done' | 'skipped' | 'deferred'> {
    const { jobs, logger } = this.#options;
    const context = { job: job.key, kind: job.kind, attempt: job.attempts, worker: this.workerId };
    switch (outcome.status) {
      case 'done':
      case 'skipped':
        await jobs.complete(job.id, this.workerId, outcome.status, outcome.note);
        logger.info({ ...context, note: outcome.note }, `job ${outcome.status}`);
        return outcome.status;
      case 'deferred':
        await jobs.release(job.id, this.workerId, outcome.until, outcome.note);
        logger.info({ ...context, until: outcome.until.toISOString(), note: outcome.note }, 'job deferred');
        return 'deferred';
      case 'repeat':
        await jobs.release(job.id, this.workerId, outcome.at, outcome.note, { resetAttempts: true });
        logger.info({ ...context, next: outcome.at.toISOString(), note: outcome.note }, 'job done; runs again');
        return 'done';
    }
  }

  async #failed(job: JobRecord, error: string): Promise<'failed' | 'dead'> {
    const { jobs, clock, logger, maxAttempts, onDead } = this.#options;
    const context = { job: job.key, kind: job.kind, attempt: job.attempts, worker: this.workerId, error };
    if (job.attempts < maxAttempts) {
      const retryAt = new Date(clock.now().getTime() + retryDelay(job.attempts, this.#options.retryDelaysMs));
      await jobs.fail(job.id, this.workerId, error, retryAt);
      logger.warn({ ...context, retryAt: retryAt.toISOString() }, 'job failed; will retry');
      return 'failed';
    }
    await jobs.fail(job.id, this.workerId, error, null);
    logger.error(context, `job dead after ${job.attempts} attempts`);
    try {
      await onDead?.(job, error);
    } catch (reportError) {
      logger.error({ err: reportError, job: job.key }, 'could not report a dead job');
    }
    return 'dead';
  }
}
