import { UserError } from '../errors.ts';
import type { QuestionRecord } from '../records.ts';
import { isoWeekOf, isoWeekRange } from '../time-zone.ts';

/** ISO weeks (Monday 00:00 UTC to the Monday after) a programme can have a digest for. */

export interface DigestWeek {
  label: string;
  start: Date;
  end: Date;
}

const WEEK_MS = 7 * 86_400_000;

/** From the week its first question opened (or is due to open) to the current week. */
export function validWeeks(questions: QuestionRecord[], now: Date): string[] {
  const starts = questions
    .map((q) => q.openedAt ?? q.opensAt)
    .filter((d): d is Date => d !== null)
    .map((d) => d.getTime());
  const first = isoWeekRange(isoWeekOf(new Date(Math.min(now.getTime(), ...starts)))) as DigestWeek;
  const last = isoWeekOf(now);
  const weeks: string[] = [];
  for (let at = first.start.getTime(); weeks.at(-1) !== last && weeks.length < 1000; at += WEEK_MS)
    weeks.push(isoWeekOf(new Date(at)));
  return weeks;
}

export function describeWeeks(weeks: string[]): string {
  if (weeks.length <= 8) return weeks.join(', ');
  return `${weeks[0]} to ${weeks.at(-1)} (${weeks.length} weeks)`;
}

/** The week asked for (the current week when none is given), or an error naming the valid ones. */
export function resolveWeek(week: string | undefined, questions: QuestionRecord[], now: Date): DigestWeek {
  const label = week?.trim().toUpperCase() || isoWeekOf(now);
  const valid = validWeeks(questions, now);
  const range = isoWeekRange(label);
  if (!range || !valid.includes(label)) {
    throw new UserError(
      'NOT_FOUND',
      `There is no digest for week "${week}". Weeks look like 2026-W48; this programme has ${describeWeeks(valid)}.`,
      { field: 'week', value: week, valid },
    );
  }
  return { label, ...range };
}
