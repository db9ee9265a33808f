/**
 * The one small-count rule: any count of an anonymous question below SMALL_GROUP, none included, is reported as
 * "fewer than 5" (a count of none can point at people as surely as a count of one), and nothing built on it
 * (means, shares, scores) is shown. Every report, export and dashboard asks here.
 */

export const SMALL_GROUP = 5;
export const FEWER_THAN_5 = 'fewer than 5';

export type ReportedCount = number | typeof FEWER_THAN_5;

/** Whether a count of this question is too small to show exactly. */
export const isSmall = (value: number, anonymous: boolean) => anonymous && value < SMALL_GROUP;

/** A count as reported: exact, or "fewer than 5" when it belongs to an anonymous question and is small. */
export function reportCount(value: number, anonymous: boolean): ReportedCount {
  return isSmall(value, anonymous) ? FEWER_THAN_5 : value;
}

export function isSuppressed(count: ReportedCount): count is typeof FEWER_THAN_5 {
  return count === FEWER_THAN_5;
}
