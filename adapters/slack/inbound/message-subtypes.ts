import type { SlackMessage } from '../slack-context.ts';

/**
 * What a Slack message is to a consultation, decided from its subtype and sender alone:
 * - a person's message (no subtype), a `me_message` (written with /me), a `thread_broadcast` (a reply also sent to
 *   the channel; Slack delivers it once) and a `file_share` (files, with or without text) are written by a person
 *   and can be responses;
 * - anything with a `bot_id` (Agora's own posts, other apps, workflows) or the legacy `bot_message`, and every other
 *   subtype (joins, topic changes, reminders, tombstones) is not.
 */
export type MessageDecision = { counts: true } | { counts: false; reason: string };

const WRITTEN_BY_PEOPLE = new Set([undefined, 'me_message', 'thread_broadcast', 'file_share']);

export function messageDecision(message: Pick<SlackMessage, 'subtype' | 'bot_id' | 'user'>): MessageDecision {
  if (message.bot_id !== undefined || message.subtype === 'bot_message') return { counts: false, reason: 'an app' };
  if (!message.user) return { counts: false, reason: 'no author' };
  if (!WRITTEN_BY_PEOPLE.has(message.subtype)) return { counts: false, reason: `subtype ${message.subtype}` };
  return { counts: true };
}

/**
 * Whether a `message_changed` is a person's edit. Slack also sends one when it unfurls a link, when a thread gets
 * a reply, or when an app's attachment changes; only an edit carries `edited`, and only it adds a revision.
 */
export function isPersonsEdit(changed: Pick<SlackMessage, 'edited'>): boolean {
  return typeof changed.edited?.ts === 'string';
}
