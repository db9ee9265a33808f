import type { CoreDeps } from '../core/consultation/deps.ts';
import type { JobRecord } from '../core/records.ts';
import { currentStoredSummary, summariseQuestion } from '../core/summaries/summarise-question.ts';
import type { SummaryDeps } from '../core/summaries/summarise-question.ts';
import type { JobHandler } from './scheduler.ts';

/**
 * Summaries computed ahead of need, so that a digest, the dashboard and `/agora positions` read a current one
 * instead of computing it while someone waits. `summaries:PROGRAMME` runs every minute and finds the questions
 * whose stored summary no longer stands (answers or votes since); for each it schedules `summary:QUESTION` a
 * little later, unless one is already waiting, so a burst of answers makes one refresh (debounced per question).
 * Jobs are leased from the job table, so one replica at a time runs each.
 */

export const summaryJobKey = {
  sweep: (programmeId: string) => `summaries:${programmeId}`,
  refresh: (questionId: string) => `summary:${questionId}`,
};

export interface SummaryJobOptions {
  /** How long after the first answer a refresh waits for more (default 30 s). */
  debounceMs?: number;
  /** How often the sweep looks for stale summaries (default every minute). */
  sweepEveryMs?: number;
  /** For written summaries of open questions, as the digest is given. */
  summaryDeps?: Partial<SummaryDeps>;
}

const field = (job: JobRecord, name: string) => {
  const value = job.payload[name];
  if (typeof value !== 'string' || value === '') throw new Error(`job ${job.key} has no ${name} in its payload`);
  return value;
};

export function summaryJobHandlers(deps: CoreDeps, options: SummaryJobOptions = {}): Record<string, JobHandler> {
  const debounceMs = options.debounceMs ?? 30_000;
  const sweepEveryMs = options.sweepEveryMs ?? 60_000;
  const summaryDeps: SummaryDeps = { ...deps, ...options.summaryDeps };
  const { store } = deps;
  return {
    async summaries(job, now) {
      const programmeId = field(job, 'programmeId');
      if (!(await store.programmes.findById(programmeId))) return { status: 'skipped', note: 'the programme no longer exists' };
      const questions = (await store.questions.listByProgramme(programmeId)).filter(
        (q) => (q.kind === 'open' || q.kind === 'statements') && q.status !== 'scheduled',
      );
      let scheduled = 0;
      for (const question of questions) {
        if (await currentStoredSummary(summaryDeps, question)) continue;
        const key = summaryJobKey.refresh(question.id);
        const [waiting] = await store.jobs.list({ status: 'pending', prefix: key });
        if (waiting?.key === key) continue;
        await store.jobs.schedule({
          key,
          kind: 'summary',
          payload: { questionId: question.id, programmeId },
          runAt: new Date(now.getTime() + debounceMs),
        });
        scheduled++;
      }
      return {
        status: 'repeat',
        at: new Date(now.getTime() + sweepEveryMs),
        note: `${scheduled} of ${questions.length} summaries to refresh`,
      };
    },

    async summary(job) {
      const question = await store.questions.findById(field(job, 'questionId'));
      if (!question || question.status === 'archived') return { status: 'skipped', note: 'the question is gone' };
      const { summary, reused } = await summariseQuestion(summaryDeps, question);
      if (reused) return { status: 'skipped', note: 'the stored summary is still current' };
      const how =
        summary.update?.kind === 'incremental'
          ? `updated with ${summary.update.added} new answers`
          : `computed from ${summary.inputs.responses} responses and ${summary.inputs.votes} votes`;
      return { status: 'done', note: `${question.key}: ${how}` };
    },
  };
}
