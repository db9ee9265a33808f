import { AgoraError } from '../errors.ts';
import type { CoreDeps } from './deps.ts';
import { listNonRespondents } from './non-respondents.ts';

export interface ReminderOutcome {
  reminded: number;
  optedOut: number;
  undelivered: number;
  deferred: boolean;
}

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

/**
 * Reminds, privately, the people who have not answered a question: a DM, or an ephemeral note where DMs are off.
 * Never pings a channel; skips people who turned reminders off; waits out quiet hours.
 */
export async function sendReminders(
  deps: CoreDeps,
  questionId: string,
  quiet: QuietHours | null,
): Promise<ReminderOutcome> {
  const { store, clock } = deps;
  const question = await store.questions.findById(questionId);
  if (!question) throw new AgoraError('QUESTION_NOT_FOUND', `There is no question with id ${questionId}.`);
  if (question.status !== 'open')
    throw new AgoraError('QUESTION_NOT_OPEN', `Question "${question.key}" is not open, so nobody was reminded.`);
  const programme = await store.programmes.findById(question.programmeId);
  const outcome: ReminderOutcome = { reminded: 0, optedOut: 0, undelivered: 0, deferred: false };
  if (programme && inQuietHours(clock.now(), programme.timezone, quiet)) return { ...outcome, deferred: true };
  const postings = await store.postings.listByQuestion(question.id);
  const targets = await store.channels.targets(question.programmeId);
  const closes = question.closesAt
    ? ` It closes ${question.closesAt.toISOString().slice(0, 16).replace('T', ' ')} UTC.`
    : '';
  const text = `A reminder from ${programme?.title ?? 'Agora'}: you have not yet answered "${question.prompt.slice(0, 200)}".${closes} Reply in the question's thread, or use "Answer privately". To stop these reminders: /agora remind off`;
  for (const person of await listNonRespondents(store, question.id)) {
    if (person.remindersOff) {
      outcome.optedOut++;
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
    else outcome.reminded++;
  }
  return outcome;
}
