import { addDays, zonedInstant, zonedParts } from '../zoned-time.ts';
import { inQuietHours, type QuietHours } from './send-reminders.ts';

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
