import { nextCronOccurrence } from '../cron.ts';
import type { ProgrammeRecord, QuestionRecord } from '../records.ts';
import { isoWeekOf } from '../time-zone.ts';

/**
 * A programme's timeline as durable jobs: when each question opens, is reminded and closes, when the weekly
 * digest goes out, and when old responses are purged. Pure: the scheduler stores and runs what this plans.
 * Keys are unique and stable, so planning again (after an edit, or on every start) reschedules what has not run
 * yet and leaves what has run alone.
 */

export const JOB_KINDS = ['open', 'remind', 'close', 'digest', 'purge'] as const;
export type ConsultationJobKind = (typeof JOB_KINDS)[number];

export interface PlannedJob {
  key: string;
  kind: ConsultationJobKind;
  runAt: Date;
  payload: Record<string, unknown>;
}

/** Pending jobs whose key starts with `prefix` and is not in `keep` are no longer wanted. */
export interface JobCancellation {
  prefix: string;
  keep: string[];
}

export interface TimelinePlan {
  jobs: PlannedJob[];
  cancel: JobCancellation[];
}

export const jobKey = {
  open: (questionId: string) => `open:${questionId}`,
  remind: (questionId: string, n: number) => `remind:${questionId}:${n}`,
  close: (questionId: string) => `close:${questionId}`,
  digest: (programmeId: string, week: string) => `digest:${programmeId}:${week}`,
  purge: (programmeId: string) => `purge:${programmeId}`,
};

/** Retention runs daily at this local time. */
export const RETENTION_CRON = '0 3 * * *';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

/** The ISO week a digest sent at `runAt` reports on: the week holding the middle of the seven days before it. */
export function digestWeek(runAt: Date): string {
  return isoWeekOf(new Date(runAt.getTime() - WEEK_MS / 2));
}

function earliest(dates: (Date | null)[]): Date | null {
  const known = dates.filter((d): d is Date => d !== null);
  return known.length ? new Date(Math.min(...known.map((d) => d.getTime()))) : null;
}

/**
 * The next weekly digest after `after`, from the programme's `digestCron` in its time zone. Digests start with the
 * first question to open and end with the first one after the last question closes (never, while a question has
 * no close time). `skipWeek` moves past a week already reported on, so a digest comes at most once a week.
 */
export function nextDigest(
  programme: ProgrammeRecord,
  questions: QuestionRecord[],
  after: Date,
  skipWeek?: string,
): PlannedJob | null {
  const live = questions.filter((q) => q.status !== 'archived');
  const starts = earliest(live.map((q) => q.opensAt ?? q.openedAt));
  const endless = live.length === 0 || live.some((q) => !q.closesAt && !q.closedAt);
  const ends = endless
    ? null
    : new Date(Math.max(...live.map((q) => (q.closesAt ?? q.closedAt ?? new Date(0)).getTime())) + WEEK_MS);
  let from = starts && starts > after ? starts : after;
  for (let guard = 0; guard < 8; guard++) {
    const runAt = nextCronOccurrence(programme.digestCron, from, programme.timezone);
    if (!runAt || (ends && runAt > ends)) return null;
    const week = digestWeek(runAt);
    if (week === skipWeek) {
      from = runAt;
      continue;
    }
    return {
      key: jobKey.digest(programme.id, week),
      kind: 'digest',
      runAt,
      payload: {
        programmeId: programme.id,
        programmeSlug: programme.slug,
        week,
        from: new Date(runAt.getTime() - WEEK_MS).toISOString(),
        to: runAt.toISOString(),
      },
    };
  }
  return null;
}

/** The next retention run after `after`, or null when the programme keeps responses for good. */
export function nextPurge(programme: ProgrammeRecord, after: Date): PlannedJob | null {
  if (programme.retentionDays === null) return null;
  const runAt = nextCronOccurrence(RETENTION_CRON, after, programme.timezone);
  if (!runAt) return null;
  return {
    key: jobKey.purge(programme.id),
    kind: 'purge',
    runAt,
    payload: { programmeId: programme.id, programmeSlug: programme.slug },
  };
}

function questionJobs(programme: ProgrammeRecord, q: QuestionRecord): PlannedJob[] {
  if (q.status === 'archived') return [];
  const payload = {
    programmeId: programme.id,
    programmeSlug: programme.slug,
    questionId: q.id,
    questionKey: q.key,
  };
  const jobs: PlannedJob[] = [];
  if (q.opensAt) jobs.push({ key: jobKey.open(q.id), kind: 'open', runAt: q.opensAt, payload });
  for (const [i, at] of q.reminders.entries())
    jobs.push({ key: jobKey.remind(q.id, i + 1), kind: 'remind', runAt: at, payload: { ...payload, n: i + 1 } });
  if (q.closesAt) jobs.push({ key: jobKey.close(q.id), kind: 'close', runAt: q.closesAt, payload });
  return jobs;
}

/** Plans every job of a programme, and says which pending jobs to drop (removed questions, dropped reminders). */
export function planTimeline(programme: ProgrammeRecord, questions: QuestionRecord[], now: Date): TimelinePlan {
  const plan: TimelinePlan = { jobs: [], cancel: [] };
  for (const q of questions) {
    const jobs = questionJobs(programme, q);
    plan.jobs.push(...jobs);
    const keys = jobs.map((j) => j.key);
    for (const prefix of [jobKey.open(q.id), `remind:${q.id}:`, jobKey.close(q.id)])
      plan.cancel.push({ prefix, keep: keys.filter((k) => k.startsWith(prefix)) });
  }
  const digest = nextDigest(programme, questions, now);
  if (digest) plan.jobs.push(digest);
  plan.cancel.push({ prefix: `digest:${programme.id}:`, keep: digest ? [digest.key] : [] });
  const purge = nextPurge(programme, now);
  if (purge) plan.jobs.push(purge);
  plan.cancel.push({ prefix: jobKey.purge(programme.id), keep: purge ? [purge.key] : [] });
  return plan;
}
