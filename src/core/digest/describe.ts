import { KIND_LABEL } from '../presentation/question-wording.ts';
import { isSuppressed, SMALL_GROUP } from '../small-counts.ts';
import { plural } from '../wording.ts';
import {
  type Count,
  type DigestModel,
  type DigestPosition,
  type DigestQuestion,
  type DigestQuote,
  formatCount,
} from './model.ts';

/** Words and numbers shared by the renderers, so every format says the same thing the same way. */

export const ANONYMITY_LABELS = {
  named: 'named answers',
  pseudonymous: 'pseudonymous answers',
  anonymous: `anonymous answers (counts under ${SMALL_GROUP} hidden)`,
} as const;

const day = (iso: string) =>
  new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** The last day of a digest's week (its end is the next Monday, exclusive), as an ISO instant at 00:00 UTC. */
export function lastDayOf(model: Pick<DigestModel, 'week'>): string {
  return new Date(new Date(model.week.end).getTime() - 86_400_000).toISOString();
}

/** "30 Nov 2026 to 6 Dec 2026" for the week of a digest. */
export function weekSpan(model: Pick<DigestModel, 'week'>): string {
  return `${day(model.week.start)} to ${day(lastDayOf(model))}`;
}

export function formatInstant(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

export function formatDay(iso: string): string {
  return day(iso);
}

export function percent(share: number | null): string {
  return share === null ? '–' : `${Math.round(share * 100)}%`;
}

export function formatMean(mean: number | null): string {
  return mean === null ? '–' : mean.toFixed(2);
}

export const n = formatCount;

/** "1 reply", "3 replies", "fewer than 5 replies". */
export function counted(count: Count, one: string, many: string): string {
  return `${n(count)} ${count === 1 ? one : many}`;
}

/** " · 3 replies" after a quote; nothing when there are none or the count is hidden. */
export function repliesNote(count: Count): string {
  return typeof count === 'number' && count > 0 ? ` · ${counted(count, 'reply', 'replies')}` : '';
}

/** A count as a number for charts: suppressed counts draw no bar. */
export function barValue(count: Count): number {
  return isSuppressed(count) ? 0 : count;
}

export function questionMeta(question: DigestQuestion): string {
  const closes = question.closesAt ? `, closes ${formatInstant(question.closesAt)}` : '';
  return `${KIND_LABEL[question.kind]} · ${ANONYMITY_LABELS[question.anonymity]} · ${question.status}${closes}`;
}

/**
 * "12 responses in total, 4 this week (4 new since the last digest)". A poll's line counts the replies written in
 * its thread (a poll nobody replied to has none, and no line).
 */
export function responseLine(question: DigestQuestion): string {
  const r = question.responses;
  if (!r) return '';
  const poll = question.kind !== 'open';
  const previous = r.previousTotal === null ? '' : `; ${n(r.previousTotal)} at the previous digest`;
  const what = poll
    ? counted(r.total, 'response in its thread', 'responses in its thread')
    : counted(r.total, 'response', 'responses');
  return `${what} in total, ${n(r.thisWeek)} this week, ${n(r.sinceLastDigest)} new since the last digest${previous}.`;
}

/** "8 responses so far", "6 voters so far", "6 voters and 2 responses so far", for the short digest of a quiet week. */
export function soFarLine(question: DigestQuestion): string {
  const responses = question.responses?.total ?? null;
  if (question.kind === 'open') return `${counted(responses ?? 0, 'response', 'responses')} so far`;
  const voters = counted(question.participation.overall.people, 'voter', 'voters');
  return `${responses === null ? voters : `${voters} and ${counted(responses, 'response', 'responses')}`} so far`;
}

export function participationLine(model: DigestModel): string {
  const p = model.participation.overall;
  return `${counted(p.people, 'person has', 'people have')} taken part; ${n(p.active)} this week (${n(p.new)} new, ${n(p.returning)} returning).`;
}

export function activityLine(model: DigestModel): string {
  return `${plural(model.totals.responsesThisWeek, 'response')} and ${plural(model.totals.votesThisWeek, 'vote')} this week.`;
}

export function quietLine(model: DigestModel): string {
  return `No new responses or votes this week (${model.week.label}).`;
}

export const PARTICIPATION_COLUMNS = ['People', 'Active this week', 'New', 'Returning', 'Not yet answered'];

/** How the counts were taken: at the end of the week, or, for a week not over yet, when the digest was made. */
export function attribution(model: Pick<DigestModel, 'week' | 'generatedAt'>): string {
  const when =
    new Date(model.generatedAt).getTime() < new Date(model.week.end).getTime()
      ? `as they stood on ${formatInstant(model.generatedAt)}, with the week not over yet`
      : 'as they stood at the end of the week';
  return `Counts are ${when}; deleted responses and withdrawn votes are left out.`;
}

/** "2 replies" for a position; its label is plural, so one of anything drops the final s. */
export function supportText(position: DigestPosition): string {
  const label = position.supportLabel;
  return counted(position.support, label.endsWith('ies') ? `${label.slice(0, -3)}y` : label.replace(/s$/, ''), label);
}

/** A quote's date: the day, or for anonymous answers (dated to their week) "week of" its Monday. */
export function quoteDate(quote: DigestQuote): string {
  return quote.responseId === null ? `week of ${formatDay(quote.at)}` : formatDay(quote.at);
}
