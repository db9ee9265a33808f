import { addDays, zonedInstant, zonedParts } from '../zoned-parts.ts';

/** Hours (local to the programme) when no reminder is sent, e.g. 20-8. */
export interface QuietHours {
  from: number;
  to: number;
}

export function inQuietHours(at: Date, timeZone: string, quiet: QuietHours | null): boolean {
  if (!quiet) return false;
  const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(at));
  return quiet.from > quiet.to ? hour >= quiet.from || hour < quiet.to : hour >= quiet.from && hour < quiet.to;
}

const two = (n: number) => String(n).padStart(2, '0');

/** `20:00 to 08:00` */
export function describeQuietHours(quiet: QuietHours): string {
  return `${two(quiet.from)}:00 to ${two(quiet.to)}:00`;
}

/** `20-8` -> no reminders from 20:00 to 08:00 local time; empty or equal hours -> no quiet hours. */
export function parseQuietHours(text: string): QuietHours | null {
  const match = /^\s*(\d{1,2})\s*-\s*(\d{1,2})\s*$/.exec(text);
  if (!match) return null;
  const from = Number(match[1]);
  const to = Number(match[2]);
  if (from > 23 || to > 23 || from === to) return null;
  return { from, to };
}

/** When the quiet hours that `at` falls in end (the programme's local `to` o'clock); `at` itself when not quiet. */
export function quietHoursEnd(at: Date, timeZone: string, quiet: QuietHours | null): Date {
  if (!quiet || !inQuietHours(at, timeZone, quiet)) return at;
  const local = zonedParts(at, timeZone);
  const wrapsMidnight = quiet.from > quiet.to;
  const day = wrapsMidnight && local.hour >= quiet.from ? addDays(local, 1) : local;
  return zonedInstant({ ...day, hour: quiet.to, minute: 0 }, timeZone);
}
