import { addDays, type ZonedParts, zonedInstant, zonedParts } from './zoned-parts.ts';

/**
 * Cron expressions (`minute hour day-of-month month day-of-week`, as in crontab(5); a leading seconds field is
 * accepted and ignored) and their next occurrence in a time zone. When both day fields are restricted, a day
 * matching either runs, as in Vixie cron. A wall-clock time skipped when clocks go forward runs at the instant it
 * would have had before the change (01:30 skipped -> 02:30 summer time); one repeated when clocks go back runs once,
 * at its first occurrence.
 */
export interface CronSchedule {
  minutes: number[];
  hours: number[];
  daysOfMonth: Set<number>;
  months: Set<number>;
  daysOfWeek: Set<number>;
  dayOfMonthRestricted: boolean;
  dayOfWeekRestricted: boolean;
}

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: string[];
  namesFrom?: number;
}

const FIELDS: FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTH_NAMES, namesFrom: 1 },
  { name: 'day of week', min: 0, max: 7, names: DAY_NAMES, namesFrom: 0 },
];

function value(text: string, spec: FieldSpec): number {
  const named = spec.names?.indexOf(text.toLowerCase()) ?? -1;
  const n = named >= 0 ? named + (spec.namesFrom ?? 0) : /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(n) || n < spec.min || n > spec.max)
    throw new RangeError(`"${text}" is not a valid ${spec.name} (${spec.min}-${spec.max})`);
  return n;
}

function parseField(text: string, spec: FieldSpec): { values: number[]; restricted: boolean } {
  const values = new Set<number>();
  for (const item of text.split(',')) {
    const [range, stepText, extra] = item.split('/');
    if (range === undefined || range === '' || extra !== undefined)
      throw new RangeError(`"${item}" is not a valid ${spec.name}`);
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new RangeError(`"${item}" has an invalid step`);
    let from: number;
    let to: number;
    if (range === '*') {
      from = spec.min;
      to = spec.max;
    } else if (range.includes('-')) {
      const [a, b] = range.split('-');
      from = value(a ?? '', spec);
      to = value(b ?? '', spec);
      if (to < from) throw new RangeError(`"${range}" runs backwards`);
    } else {
      from = value(range, spec);
      to = stepText === undefined ? from : spec.max;
    }
    for (let n = from; n <= to; n += step) values.add(n);
  }
  return { values: [...values].sort((a, b) => a - b), restricted: text !== '*' };
}

/** Parses a 5-field (or 6-field, seconds first) cron expression; throws RangeError saying what is wrong. */
export function parseCron(expression: string): CronSchedule {
  let fields = expression.trim().split(/\s+/);
  if (fields.length === 6) fields = fields.slice(1);
  if (fields.length !== 5)
    throw new RangeError(`"${expression}" should have five fields: minute hour day month weekday`);
  const [minute, hour, dom, month, dow] = fields.map((f, i) => parseField(f, FIELDS[i] as FieldSpec));
  if (!minute || !hour || !dom || !month || !dow) throw new RangeError(`"${expression}" is incomplete`);
  return {
    minutes: minute.values,
    hours: hour.values,
    daysOfMonth: new Set(dom.values),
    months: new Set(month.values),
    daysOfWeek: new Set(dow.values.map((d) => d % 7)),
    dayOfMonthRestricted: dom.restricted,
    dayOfWeekRestricted: dow.restricted,
  };
}

function dayMatches(schedule: CronSchedule, year: number, month: number, day: number): boolean {
  if (!schedule.months.has(month)) return false;
  const domOk = schedule.daysOfMonth.has(day);
  const dowOk = schedule.daysOfWeek.has(new Date(Date.UTC(year, month - 1, day)).getUTCDay());
  if (schedule.dayOfMonthRestricted && schedule.dayOfWeekRestricted) return domOk || dowOk;
  if (schedule.dayOfMonthRestricted) return domOk;
  if (schedule.dayOfWeekRestricted) return dowOk;
  return true;
}

/** The instant of a wall-clock time; where clocks went back and it happened twice, the earlier one. */
function firstInstant(wall: ZonedParts, timeZone: string): Date {
  const instant = zonedInstant(wall, timeZone);
  for (const earlier of [60, 30]) {
    const candidate = new Date(instant.getTime() - earlier * 60_000);
    const seen = zonedParts(candidate, timeZone);
    if (seen.day === wall.day && seen.hour === wall.hour && seen.minute === wall.minute) return candidate;
  }
  return instant;
}

/** How far ahead to look before deciding an expression never fires (e.g. 30 February). */
const HORIZON_DAYS = 366 * 5;

/** The first instant strictly after `after` at which the expression fires in `timeZone`; null if it never does. */
export function nextCronOccurrence(expression: string | CronSchedule, after: Date, timeZone: string): Date | null {
  const schedule = typeof expression === 'string' ? parseCron(expression) : expression;
  const start = zonedParts(after, timeZone);
  // Wall-clock times an hour before `after` may still lie after it where clocks went back.
  const earliestToday = start.hour * 60 + start.minute - 60;
  for (let offset = 0; offset <= HORIZON_DAYS; offset++) {
    const date = addDays(start, offset);
    if (!dayMatches(schedule, date.year, date.month, date.day)) continue;
    for (const hour of schedule.hours) {
      for (const minute of schedule.minutes) {
        if (offset === 0 && hour * 60 + minute < earliestToday) continue;
        const instant = firstInstant({ ...date, hour, minute }, timeZone);
        if (instant.getTime() > after.getTime()) return instant;
      }
    }
  }
  return null;
}
