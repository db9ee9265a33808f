import { instantIn } from '../chat-text.ts';
import { UserError } from '../errors.ts';
import type { ParticipantRecord } from '../records.ts';
import { participantLinks } from '../roster/roster-participation.ts';
import { underHeardMembers } from '../roster/under-heard-members.ts';
import { isPlatform, type Platform } from '../types.ts';
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
  /** Set when the reminder was aimed at the roster's under-heard groups: which groups they were. */
  underHeardGroups?: string[];
}

/** Whom a reminder goes to: a known participant, or a roster member who has not taken part yet. */
interface ReminderRecipient {
  participant: ParticipantRecord | null;
  platform: Platform;
  platformUserId: string;
}

/**
 * Reminds, privately, the people who have not answered a question: a DM, or an ephemeral note where DMs are off.
 * Never pings a channel; skips people who turned reminders off. Waits out quiet hours and skips people reminded
 * about this question within the interval, unless `anyway` (an organiser insisting). With `underHeard`, it goes to
 * the members of the roster's under-heard groups who have not answered, reached by their roster platform ids even
 * when they have never taken part.
 */
export async function sendReminders(
  deps: CoreDeps,
  questionId: string,
  policy: ReminderPolicy | null,
  options: { anyway?: boolean; underHeard?: boolean } = {},
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
  let recipients: ReminderRecipient[];
  if (options.underHeard) {
    const aimed = await underHeardRecipients(deps, question.id, question.programmeId, now);
    outcome.underHeardGroups = aimed.groups;
    outcome.undelivered += aimed.unreachable;
    recipients = aimed.recipients;
  } else {
    recipients = (await listNonRespondents(store, question.id)).map((p) => ({
      participant: p,
      platform: p.platform,
      platformUserId: p.platformUserId,
    }));
  }
  const reached: string[] = [];
  for (const { participant, platform: platformName, platformUserId } of recipients) {
    if (participant?.remindersOff) {
      outcome.optedOut++;
      continue;
    }
    const last = participant ? lastReminded.get(participant.id) : undefined;
    if (last && now.getTime() - last.getTime() < intervalMs) {
      outcome.recentlyReminded++;
      continue;
    }
    const platform = deps.platforms.get(platformName);
    const target = targets.find((t) => t.platform === platformName && postings.some((p) => p.channelTargetId === t.id));
    if (!platform || !target) {
      outcome.undelivered++;
      continue;
    }
    const delivery = await platform.sendPrivate(
      { platformUserId, workspaceId: target.workspaceId, channel: target },
      text,
    );
    if (delivery === 'undelivered') outcome.undelivered++;
    else {
      outcome.reminded++;
      if (participant) reached.push(participant.id);
    }
  }
  await store.participants.recordReminded(question.id, reached, now);
  return outcome;
}

/**
 * Members of the under-heard groups who have not answered the question, each by the first platform id on their
 * roster entry; `unreachable` counts those with no platform id at all.
 */
async function underHeardRecipients(
  deps: CoreDeps,
  questionId: string,
  programmeId: string,
  now: Date,
): Promise<{ groups: string[]; recipients: ReminderRecipient[]; unreachable: number }> {
  const { store } = deps;
  const aimed = await underHeardMembers(store, programmeId, now);
  if (!aimed)
    throw new UserError(
      'ROSTER_MISSING',
      'This programme has no roster, so there are no under-heard groups to remind. Load one with `agora roster import`.',
    );
  const answeredIds = [
    ...new Set([...(await store.responses.respondentIds(questionId)), ...(await store.votes.voterIds(questionId))]),
  ];
  const answered = new Set((await store.participants.listByIds(answeredIds)).flatMap(participantLinks));
  const recipients: ReminderRecipient[] = [];
  let unreachable = 0;
  for (const member of aimed.members) {
    if (member.platformIds.some((link) => answered.has(link))) continue;
    const link = member.platformIds.map(rosterLink).find((l) => l !== null);
    if (!link) {
      unreachable++;
      continue;
    }
    const { platform, platformUserId } = link;
    recipients.push({ participant: await store.participants.find(platform, platformUserId), platform, platformUserId });
  }
  return { groups: aimed.groups, recipients, unreachable };
}

/** A roster link such as `slack:U0123` (the roster's own notation), or null for a platform Agora does not serve. */
function rosterLink(link: string): { platform: Platform; platformUserId: string } | null {
  const at = link.indexOf(':');
  const platform = link.slice(0, at);
  return isPlatform(platform) ? { platform, platformUserId: link.slice(at + 1) } : null;
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
  const whom = outcome.underHeardGroups
    ? outcome.underHeardGroups.length === 0
      ? 'No group on the roster is under-heard, so nobody was reminded.'
      : ` in the under-heard groups (${outcome.underHeardGroups.join(', ')})`
    : '';
  if (outcome.underHeardGroups?.length === 0) return whom;
  return `Reminded ${plural(outcome.reminded, 'person', 'people')}${whom} privately${reasons.length ? `; ${reasons.join('; ')}` : ''}.`;
}
