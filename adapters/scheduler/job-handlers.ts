import { closeQuestion } from '../../src/core/consultation/close-question.ts';
import type { CoreDeps } from '../../src/core/consultation/deps.ts';
import { openQuestion } from '../../src/core/consultation/open-question.ts';
import { type ConsultationJobKind, jobKey, nextDigest, nextPurge } from '../../src/core/consultation/plan-timeline.ts';
import { inQuietHours, type QuietHours, quietHoursEnd } from '../../src/core/consultation/quiet-hours.ts';
import { sendReminders } from '../../src/core/consultation/send-reminders.ts';
import { describePurge, purgeExpired } from '../../src/core/erasure/purge-expired.ts';
import { AgoraError } from '../../src/core/errors.ts';
import type { JobRecord, QuestionRecord } from '../../src/core/records.ts';
import type { JobHandler, JobOutcome } from './scheduler.ts';

/**
 * Builds and posts one programme's weekly digest. `week` is the ISO week reported on (e.g. `2027-W02`); `period`
 * is the exact span, the seven days up to the scheduled send time. Throwing retries the job with back-off.
 */
export type DeliverDigest = (programmeId: string, week: string, period: { from: Date; to: Date }) => Promise<void>;

export interface ConsultationJobOptions {
  quietHours: QuietHours | null;
  /** REMINDER_INTERVAL_HOURS: nobody is reminded twice about one question within it (0: no limit). */
  reminderIntervalHours?: number;
  deliverDigest: DeliverDigest;
  /** How long a reminder or close waits when its question's open job has not run yet (another replica has it). */
  waitForOpenMs?: number;
}

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;

const iso = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

function duration(ms: number): string {
  if (ms >= 2 * DAY) return `${Math.round(ms / DAY)} days`;
  if (ms >= 120 * MINUTE) return `${Math.round(ms / (60 * MINUTE))} hours`;
  return `${Math.round(ms / MINUTE)} min`;
}

/** " (ran 3 hours late, catching up)" for a job run well after its time. */
function lateness(job: JobRecord, now: Date): string {
  const late = now.getTime() - job.runAt.getTime();
  return late >= 5 * MINUTE ? ` (ran ${duration(late)} late, catching up)` : '';
}

function field(job: JobRecord, name: string): string {
  const value = job.payload[name];
  if (typeof value !== 'string' || value === '')
    throw new AgoraError('JOB_INVALID', `job ${job.key} has no ${name} in its payload`, { job: job.key });
  return value;
}

const skipped = (note: string): JobOutcome => ({ status: 'skipped', note });

/** Runs jobs of the consultation's timeline: open, remind, close, digest and purge. */
export function consultationJobHandlers(
  deps: CoreDeps,
  options: ConsultationJobOptions,
): Record<ConsultationJobKind, JobHandler> {
  const { store, logger } = deps;
  const waitForOpenMs = options.waitForOpenMs ?? MINUTE;

  async function openJob(questionId: string): Promise<JobRecord | null> {
    const [job] = await store.jobs.list({ prefix: jobKey.open(questionId) });
    return job ?? null;
  }

  /** Deferred until the question's open job has had its turn, when that job has not run yet; else null. */
  async function afterOpen(questionId: string, now: Date): Promise<JobOutcome | null> {
    const open = await openJob(questionId);
    if (open?.status !== 'pending' && open?.status !== 'running') return null;
    const until = new Date(Math.max(now.getTime() + waitForOpenMs, open.runAt.getTime() + waitForOpenMs));
    return { status: 'deferred', until, note: 'waiting for the question to be posted first' };
  }

  /** Why a question job has nothing to do, if it has not; null when the question is live. */
  function gone(question: QuestionRecord | null): string | null {
    if (!question) return 'the question no longer exists';
    if (question.status === 'archived') return 'the question is archived';
    return null;
  }

  /** A reminder for a question not open yet waits for its open job; null when there is nothing to wait for. */
  async function waitForOpen(question: QuestionRecord, now: Date): Promise<JobOutcome | null> {
    if (question.status !== 'scheduled') return null;
    const waiting = await afterOpen(question.id, now);
    if (waiting) return waiting;
    // Done: another replica has just opened it and this one has not seen the change yet; trying again will.
    return (await openJob(question.id))?.status === 'done' ? null : skipped('the question was never opened');
  }

  return {
    async open(job, now) {
      const question = await store.questions.findById(field(job, 'questionId'));
      const why = gone(question);
      if (why || !question) return skipped(why ?? 'the question no longer exists');
      if (question.status === 'closed')
        return skipped(`the question was already closed${question.closedAt ? ` at ${iso(question.closedAt)}` : ''}`);
      const outcome = await openQuestion(deps, question.id);
      if (outcome.failed.length > 0) {
        // Channels that got it keep their posting; the retry posts only to the others.
        throw new AgoraError(
          'PLATFORM_ERROR',
          `could not post to ${outcome.failed.map((f) => `${f.channel} (${f.error})`).join(', ')}; posted to ${outcome.posted.length}`,
          { question: question.key },
        );
      }
      const reached = outcome.posted.length + outcome.alreadyPosted.length;
      if (reached === 0)
        logger.warn({ job: job.key, question: question.key }, 'no channel is mapped for this question');
      const already = outcome.alreadyPosted.length ? `, already in ${outcome.alreadyPosted.length}` : '';
      const closesPassed =
        question.closesAt && question.closesAt <= now ? '; its close time has passed too, so it closes next' : '';
      return {
        status: 'done',
        note:
          reached === 0
            ? 'opened, but no channel is mapped for it'
            : `posted to ${outcome.posted.length} channel(s)${already}${lateness(job, now)}${closesPassed}`,
      };
    },

    async remind(job, now) {
      const question = await store.questions.findById(field(job, 'questionId'));
      const why = gone(question);
      if (why || !question) return skipped(why ?? 'the question no longer exists');
      if (question.status === 'closed') return skipped('the question is already closed');
      if (question.closesAt && question.closesAt <= now)
        return skipped(`the question's close time (${iso(question.closesAt)}) has passed`);
      const n = Number(job.payload.n ?? 1);
      const later = question.reminders.findIndex((at, i) => i > n - 1 && at <= now);
      if (later >= 0) return skipped(`reminder ${later + 1} is also due, and one reminder is enough`);
      const waiting = await waitForOpen(question, now);
      if (waiting) return waiting;
      const programme = await store.programmes.findById(question.programmeId);
      const timeZone = programme?.timezone ?? 'UTC';
      if (inQuietHours(now, timeZone, options.quietHours)) {
        const until = quietHoursEnd(now, timeZone, options.quietHours);
        if (question.closesAt && until >= question.closesAt)
          return skipped('quiet hours last until after the question closes');
        return { status: 'deferred', until, note: `quiet hours: moved to ${iso(until)}` };
      }
      const outcome = await sendReminders(deps, question.id, {
        quiet: options.quietHours,
        intervalHours: options.reminderIntervalHours ?? 0,
      });
      if (outcome.quietUntil) {
        const until = outcome.quietUntil;
        return { status: 'deferred', until, note: `quiet hours: moved to ${iso(until)}` };
      }
      return {
        status: 'done',
        note: `reminded ${outcome.reminded}; ${outcome.optedOut} opted out; ${outcome.recentlyReminded} reminded lately; ${outcome.undelivered} not reachable${lateness(job, now)}`,
      };
    },

    async close(job, now) {
      const question = await store.questions.findById(field(job, 'questionId'));
      const why = gone(question);
      if (why || !question) return skipped(why ?? 'the question no longer exists');
      // A retry after showing results failed somewhere closes again; a question closed by hand is left alone.
      if (question.status === 'closed' && job.lastError === null)
        return skipped(`the question was already closed${question.closedAt ? ` at ${iso(question.closedAt)}` : ''}`);
      if (question.status === 'scheduled') {
        const waiting = await afterOpen(question.id, now);
        if (waiting) return waiting;
      }
      const outcome = await closeQuestion(deps, question.id);
      if (outcome.failed > 0)
        throw new AgoraError(
          'PLATFORM_ERROR',
          `closed, but could not show the results in ${outcome.failed} posting(s)`,
        );
      return { status: 'done', note: `closed; results shown in ${outcome.updated} posting(s)${lateness(job, now)}` };
    },

    async digest(job, now) {
      const programmeId = field(job, 'programmeId');
      const week = field(job, 'week');
      const programme = await store.programmes.findById(programmeId);
      if (!programme) return skipped('the programme no longer exists');
      // The next digest is planned first, so that one failing for good does not end the weekly run.
      const questions = await store.questions.listByProgramme(programmeId, { includeArchived: true });
      const after = new Date(Math.max(now.getTime(), job.runAt.getTime()));
      const next = nextDigest(programme, questions, after, week);
      if (next) await store.jobs.schedule(next);
      const to = new Date(String(job.payload.to ?? job.runAt.toISOString()));
      const from = new Date(String(job.payload.from ?? new Date(to.getTime() - 7 * DAY).toISOString()));
      await options.deliverDigest(programmeId, week, { from, to });
      return {
        status: 'done',
        note: `digest for ${week}${lateness(job, now)}; ${next ? `next at ${iso(next.runAt)}` : 'the last one for this programme'}`,
      };
    },

    async purge(job, now) {
      const programme = await store.programmes.findById(field(job, 'programmeId'));
      if (!programme) return skipped('the programme no longer exists');
      if (programme.retentionDays === null) return skipped('the programme no longer sets retention_days');
      const before = new Date(now.getTime() - programme.retentionDays * DAY);
      const purged = await purgeExpired(deps, programme, before);
      const note = describePurge(purged, programme.retentionDays);
      await store.audit.record({
        programmeId: programme.id,
        actor: 'scheduler',
        action: 'retention.purge',
        detail: {
          retentionDays: programme.retentionDays,
          before: before.toISOString(),
          responses: purged.responses,
          votes: purged.votes,
          participants: purged.participants,
          auditEntries: purged.auditEntries,
          statementsUnattributed: purged.statementsUnattributed,
          digestsAmended: purged.digestsAmended,
          inboxEvents: purged.inboxEvents,
        },
        at: now,
      });
      const next = nextPurge(programme, now);
      return next ? { status: 'repeat', at: next.runAt, note } : { status: 'done', note };
    },
  };
}
