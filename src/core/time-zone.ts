/** Time-zone arithmetic with the standard library's Intl only. */

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
    return true;
  } catch {
    return false;
  }
}

function offsetMinutes(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - instant.getTime()) / 60_000);
}

/** `2026-12-01 09:00` in `Europe/London` -> the UTC instant. Gaps at DST changes resolve forwards. */
export function localTimeToInstant(local: string, timeZone: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local.trim());
  if (!match) throw new RangeError(`not a local date and time: ${local}`);
  const [, y, mo, d, h, mi, s] = match;
  const naive = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  let instant = naive - offsetMinutes(new Date(naive), timeZone) * 60_000;
  // A second pass settles instants whose offset differs from the naive guess's (near DST changes).
  instant = naive - offsetMinutes(new Date(instant), timeZone) * 60_000;
  return new Date(instant);
}

const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export type LocalTimeReading = { ok: true; instant: Date } | { ok: false; message: string };

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The instants whose wall-clock time in the zone is exactly `naive` (0 in a DST gap, 2 in an overlap). */
function instantsOf(naive: number, timeZone: string): number[] {
  const offsets = new Set([
    offsetMinutes(new Date(naive - 86_400_000), timeZone),
    offsetMinutes(new Date(naive), timeZone),
    offsetMinutes(new Date(naive + 86_400_000), timeZone),
  ]);
  const found = new Set<number>();
  for (const offset of offsets) {
    const candidate = naive - offset * 60_000;
    if (offsetMinutes(new Date(candidate), timeZone) === offset) found.add(candidate);
  }
  return [...found].sort((a, b) => a - b);
}

const clock = (ms: number, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).format(new Date(ms));

/**
 * Reads a local date and time as a programme file writes it (`2026-12-01 09:00`), checking the calendar: month,
 * day in month, hour, minute, and the zone's daylight-saving changes (a time skipped or repeated is refused, since
 * nobody can say which instant was meant).
 */
export function readLocalTime(local: string, timeZone: string): LocalTimeReading {
  const match = LOCAL_TIME.exec(local.trim());
  if (!match) return { ok: false, message: 'write a local date and time like "2026-12-01 09:00"' };
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = match
    .slice(1)
    .map((part) => Number(part ?? 0));
  if (month < 1 || month > 12) return { ok: false, message: `"${local}": there is no month ${month}` };
  const lastDay = daysInMonth(year, month);
  if (day < 1 || day > lastDay)
    return {
      ok: false,
      message: `"${local}": ${MONTH_NAMES[month - 1]} ${year} has days 1 to ${lastDay}, not ${day}`,
    };
  if (hour > 23) return { ok: false, message: `"${local}": hours run from 00 to 23, not ${hour}` };
  if (minute > 59) return { ok: false, message: `"${local}": minutes run from 00 to 59, not ${minute}` };
  if (second > 59) return { ok: false, message: `"${local}": seconds run from 00 to 59, not ${second}` };
  const naive = Date.UTC(year, month - 1, day, hour, minute, second);
  const instants = instantsOf(naive, timeZone);
  if (instants.length === 0) {
    const shift = Math.abs(
      offsetMinutes(new Date(naive + 86_400_000), timeZone) - offsetMinutes(new Date(naive - 86_400_000), timeZone),
    );
    return {
      ok: false,
      message: `"${local}" does not exist in ${timeZone}: the clocks go forward ${shift % 60 ? `${shift} minutes` : shift === 60 ? 'an hour' : `${shift / 60} hours`} that night; choose a time outside the change`,
    };
  }
  if (instants.length > 1) {
    return {
      ok: false,
      message: `"${local}" happens twice in ${timeZone}: the clocks go back that night (${instants.map((i) => clock(i, timeZone)).join(', then ')}); choose a time outside the change`,
    };
  }
  return { ok: true, instant: new Date(instants[0] as number) };
}

/** ISO week label (`2026-W48`) of an instant, in UTC. */
export function isoWeekOf(instant: Date): string {
  const date = new Date(Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), instant.getUTCDate()));
  const day = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((date.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${date.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** The Monday 00:00 UTC that starts an ISO week, and the Monday after. Undefined for a malformed label. */
export function isoWeekRange(week: string): { start: Date; end: Date } | undefined {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!match) return undefined;
  const year = Number(match[1]);
  const n = Number(match[2]);
  if (n < 1 || n > 53) return undefined;
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const mondayOfWeek1 = Date.UTC(year, 0, 4 - ((jan4.getUTCDay() || 7) - 1));
  const start = new Date(mondayOfWeek1 + (n - 1) * 7 * 86_400_000);
  if (isoWeekOf(start) !== week) return undefined;
  return { start, end: new Date(start.getTime() + 7 * 86_400_000) };
}
