import { parseQuietHours } from '../../core/consultation/quiet-hours.ts';
import type { ReminderPolicy } from '../../core/consultation/send-reminders.ts';
import type { Config } from '../config.ts';

/** QUIET_HOURS and REMINDER_INTERVAL_HOURS, as the core paces reminders with them. */
export function reminderPolicyOf(config: Config): ReminderPolicy {
  return { quiet: parseQuietHours(config.QUIET_HOURS), intervalHours: config.REMINDER_INTERVAL_HOURS };
}
