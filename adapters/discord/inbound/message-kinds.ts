import { type APIMessage, MessageType } from 'discord.js';

/**
 * What a Discord message is to a consultation, decided from its type and author alone:
 * - a person's message (`Default`) or reply (`Reply`) can be a response: with files, as a forward (its text is in
 *   `message_snapshots`), or written with /me (Discord sends that as ordinary text in italics);
 * - messages of bots (Agora included) and webhooks, answers to commands, and system messages (joins, pins, boosts,
 *   "started a thread", thread starters) are not. A payload without an author is nobody's.
 */
export type MessageKind = { counts: true } | { counts: false; reason: string };

const WRITTEN_BY_PEOPLE = new Set<number>([MessageType.Default, MessageType.Reply]);

export function messageKind(message: Partial<Pick<APIMessage, 'author' | 'webhook_id' | 'type'>>): MessageKind {
  if (!message.author) return { counts: false, reason: 'no author' };
  if (message.author.bot || message.webhook_id) return { counts: false, reason: 'a bot or webhook' };
  if (message.type === undefined || !WRITTEN_BY_PEOPLE.has(message.type)) {
    return { counts: false, reason: `type ${String(message.type)}` };
  }
  return { counts: true };
}

/**
 * Whether a MESSAGE_UPDATE is a person's edit. Discord also sends one when it unfurls a link (embeds added), when a
 * thread is started on the message or a poll's counts change; only an edit carries `edited_timestamp` and content.
 */
export function isPersonsEdit(
  update: Partial<Pick<APIMessage, 'content' | 'edited_timestamp'>>,
): update is { content: string; edited_timestamp: string } {
  return typeof update.content === 'string' && typeof update.edited_timestamp === 'string';
}
