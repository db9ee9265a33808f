import type { CoreDeps } from '../../src/core/consultation/deps.ts';
import { AgoraError } from '../../src/core/errors.ts';
import type { JobRecord } from '../../src/core/records.ts';
import type { SummaryDeps } from '../../src/core/summaries/summarise-question.ts';
import { currentStoredSummary, summariseQuestion } from '../../src/core/summaries/summarise-question.ts';
import type { JobHandler } from './scheduler.ts';

/**
 * Summaries computed ahead of need, so that a digest, the dashboard and `/agora positions` read a current one
 * instead of computing it while someone waits. `summaries` runs every minute and finds the questions
 * whose stored summary no longer stands (answers or votes since); for each it schedules `summary:QUESTION` a
 * little later, unless one is already waiting, so a burst of answers makes one refresh (debounced per question).
 * Jobs are leased from the job table, so one replica at a time runs each.
 */

export const summaryJobKey = {
  sweep: 'summaries',
  refresh: (questionId: string) => `summary:${questionId}`,
};

/** Starts the sweep (on every start of the bot): found waiting, it keeps its time; else it runs now. */
export async function startSummaryRefresh(deps: Pick<CoreDeps, 'store' | 'clock'>): Promise<void> {
  const waiting = await deps.store.jobs.list({ status: 'pending', prefix: summaryJobKey.sweep });
  if (waiting.some((job) => job.key === summaryJobKey.sweep)) return;
  await deps.store.jobs.schedule({ key: summaryJobKey.sweep, kind: 'summaries', payload: {}, runAt: deps.clock.now() });
}

export interface SummaryJobOptions {
  /** How long after the first answer a refresh waits for more (default 30 s). */
  debounceMs?: number;
  /** How often the sweep looks for stale summaries (default every minute). */
  sweepEveryMs?: number;
  /** For written summaries of open questions, as the digest is given. */
  summaryDeps?: Partial<SummaryDeps>;
}

/**
 * A question's refresh job, once run, waits here until the sweep finds the summary stale again and brings it
 * forward: one row per question in the job table, however many refreshes.
 */
export const IDLE_UNTIL = new Date('9999-01-01T00:00:00Z');

const field = (job: JobRecord, name: string): string => {
  const value = job.payload[name];
  if (typeof value !== 'string' || value === '')
    throw new AgoraError('JOB_INVALID', `job ${job.key} has no ${name} in its payload`, { job: job.key });
  return value;
};

export function summaryJobHandlers(deps: CoreDeps, options: SummaryJobOptions = {}): Record<string, JobHandler> {
  const debounceMs = options.debounceMs ?? 30_000;
  const sweepEveryMs = options.sweepEveryMs ?? 60_000;
  const summaryDeps: SummaryDeps = { ...deps, ...options.summaryDeps };
  const { store } = deps;
  return {
    async summaries(_job, now) {
      let scheduled = 0;
      let seen = 0;
      for (const programme of await store.programmes.list()) {
        const questions = (await store.questions.listByProgramme(programme.id)).filter(
          (q) => (q.kind === 'open' || q.kind === 'statements') && q.status !== 'scheduled',
        );
        for (const question of questions) {
          seen++;
          if (await currentStoredSummary(summaryDeps, question)) continue;
          const key = summaryJobKey.refresh(question.id);
          const [waiting] = await store.jobs.list({ status: 'pending', prefix: key });
          if (waiting?.key === key && waiting.runAt < IDLE_UNTIL) continue;
          await store.jobs.schedule({
            key,
            kind: 'summary',
            payload: { questionId: question.id },
            runAt: new Date(now.getTime() + debounceMs),
          });
          scheduled++;
        }
      }
      return {
        status: 'repeat',
        at: new Date(now.getTime() + sweepEveryMs),
        note: `${scheduled} of ${seen} summaries to refresh`,
      };
    },

    async summary(job) {
      const question = await store.questions.findById(field(job, 'questionId'));
      if (!question || question.status === 'archived') return { status: 'skipped', note: 'the question is gone' };
      const { summary, reused } = await summariseQuestion(summaryDeps, question);
      if (reused) return { status: 'repeat', at: IDLE_UNTIL, note: 'the stored summary is still current' };
      const how =
        summary.update?.kind === 'incremental'
          ? `updated with ${summary.update.added} new answers`
          : `computed from ${summary.inputs.responses} responses and ${summary.inputs.votes} votes`;
      return { status: 'repeat', at: IDLE_UNTIL, note: `${question.key}: ${how}` };
    },
  };
}
