import { instantIn } from '../chat-text.ts';
import { UserError } from '../errors.ts';
import { cutAtWord, plural } from '../wording.ts';
import type { CoreDeps } from './deps.ts';
import { listNonRespondents } from './non-respondents.ts';
import { describeQuietHours, inQuietHours, type QuietHours, quietHoursEnd } from './quiet-hours.ts';

export type { QuietHours };

/** How reminders are paced: quiet hours, and the least time between two reminders of one person about one question. */
export interface ReminderPolicy {
  quiet: QuietHours | null;
  /** 0: no limit. */
  intervalHours: number;
}

export interface ReminderOutcome {
  reminded: number;
  optedOut: number;
  undelivered: number;
  /** Not reminded again: they were reminded about this question less than the interval ago. */
  recentlyReminded: number;
  /** When nothing was sent because it is quiet hours: when they end. */
  quietUntil: Date | null;
  timeZone: string;
}

/**
 * Reminds, privately, the people who have not answered a question: a DM, or an ephemeral note where DMs are off.
 * Never pings a channel; skips people who turned reminders off. Waits out quiet hours and skips people reminded
 * about this question within the interval, unless `anyway` (an organiser insisting).
 */
export async function sendReminders(
  deps: CoreDeps,
  questionId: string,
  policy: ReminderPolicy | null,
  options: { anyway?: boolean } = {},
): Promise<ReminderOutcome> {
  const { store, clock } = deps;
  const question = await store.questions.findById(questionId);
  if (!question) throw new UserError('QUESTION_NOT_FOUND', `There is no question with id ${questionId}.`);
  if (question.status !== 'open')
    throw new UserError('QUESTION_NOT_OPEN', `Question "${question.key}" is not open, so nobody was reminded.`);
  const programme = await store.programmes.findById(question.programmeId);
  const timeZone = programme?.timezone ?? 'UTC';
  const now = clock.now();
  const outcome: ReminderOutcome = {
    reminded: 0,
    optedOut: 0,
    undelivered: 0,
    recentlyReminded: 0,
    quietUntil: null,
    timeZone,
  };
  const quiet = policy?.quiet ?? null;
  if (!options.anyway && inQuietHours(now, timeZone, quiet))
    return { ...outcome, quietUntil: quietHoursEnd(now, timeZone, quiet) };
  const intervalMs = options.anyway ? 0 : (policy?.intervalHours ?? 0) * 3_600_000;
  const lastReminded = intervalMs > 0 ? await store.participants.lastReminded(question.id) : new Map<string, Date>();
  const postings = await store.postings.listByQuestion(question.id);
  const targets = await store.channels.targets(question.programmeId);
  const closes = question.closesAt ? ` It closes ${instantIn(question.closesAt, timeZone)}.` : '';
  const text = `A reminder from ${programme?.title ?? 'Agora'}: you have not yet answered "${cutAtWord(question.prompt, 200)}".${closes} Reply in the question's thread, or use "Answer privately". To stop these reminders: \`/agora remind off\``;
  const reached: string[] = [];
  for (const person of await listNonRespondents(store, question.id)) {
    if (person.remindersOff) {
      outcome.optedOut++;
      continue;
    }
    const last = lastReminded.get(person.id);
    if (last && now.getTime() - last.getTime() < intervalMs) {
      outcome.recentlyReminded++;
      continue;
    }
    const platform = deps.platforms.get(person.platform);
    const target = targets.find(
      (t) => t.platform === person.platform && postings.some((p) => p.channelTargetId === t.id),
    );
    if (!platform || !target) {
      outcome.undelivered++;
      continue;
    }
    const delivery = await platform.sendPrivate(
      { platformUserId: person.platformUserId, workspaceId: target.workspaceId, channel: target },
      text,
    );
    if (delivery === 'undelivered') outcome.undelivered++;
    else {
      outcome.reminded++;
      reached.push(person.id);
    }
  }
  await store.participants.recordReminded(question.id, reached, now);
  return outcome;
}

/** What an organiser who asked for reminders is told: who was reached, and why anyone was not. */
export function describeReminders(outcome: ReminderOutcome, policy: ReminderPolicy | null): string {
  if (outcome.quietUntil) {
    const hours = policy?.quiet ? ` (${describeQuietHours(policy.quiet)}, ${outcome.timeZone})` : '';
    return `It is quiet hours for this programme${hours} until ${instantIn(outcome.quietUntil, outcome.timeZone)}, so nobody was reminded.`;
  }
  const reasons = [
    outcome.recentlyReminded
      ? `${plural(outcome.recentlyReminded, 'person was', 'people were')} reminded less than ${plural(policy?.intervalHours ?? 0, 'hour')} ago`
      : '',
    outcome.optedOut ? `${plural(outcome.optedOut, 'person has', 'people have')} reminders off` : '',
    outcome.undelivered ? `${plural(outcome.undelivered, 'person', 'people')} could not be reached` : '',
  ].filter(Boolean);
  return `Reminded ${plural(outcome.reminded, 'person', 'people')} privately${reasons.length ? `; ${reasons.join('; ')}` : ''}.`;
}
