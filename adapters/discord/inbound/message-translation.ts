import type { APIMessage } from 'discord.js';
import type { ResponsePosted } from '../../../src/core/consultation/events.ts';
import type { PlatformIdentity } from '../../../src/core/types.ts';
import { messageRef, threadRef } from '../refs.ts';
import { forwardedContent, isForward } from './forwards.ts';
import { messageKind } from './message-kinds.ts';

/** A message as MESSAGE_CREATE carries it (with guild and member) or as REST returns it (without them). */
export type IncomingMessage = APIMessage & {
  guild_id?: string;
  member?: { nick?: string | null };
};

/** Only what people write counts (message-kinds.ts says what that is). */
export function isPersonMessage(message: IncomingMessage): boolean {
  return messageKind(message).counts;
}

export function identityOf(message: IncomingMessage): PlatformIdentity {
  const { author } = message;
  return {
    platform: 'discord',
    platformUserId: author.id,
    displayName: message.member?.nick || author.global_name || author.username,
  };
}

/** A leading mention of Agora is how a person addresses it, not part of what they answer. */
export function withoutLeadingMention(content: string, botId: string): string {
  return content.replace(new RegExp(`^\\s*<@!?${botId}>\\s*`), '');
}

/** An edit's idempotency key: the message and when it was edited, the same live and in a catch-up. */
export const editKey = (ref: string, editedTimestamp: string) => `${ref}:edited:${editedTimestamp}`;

/** A deletion's idempotency key: a message is deleted once. */
export const deletionKey = (ref: string) => `${ref}:deleted`;

/** A payload's timestamp as an instant; `fallback` when it is missing or unreadable. */
export function instantOf(timestamp: string | null | undefined, fallback: Date): Date {
  const at = timestamp ? new Date(timestamp) : fallback;
  return Number.isNaN(at.getTime()) ? fallback : at;
}

/**
 * A person's message in a thread, as the core's ResponsePosted; its message reference is its idempotency key. A
 * forward is the forwarder's response quoting what they forwarded; its reference names the original, which may be
 * anywhere, so it is not a reply. `now` stands in for a missing timestamp.
 */
export function responsePosted(message: IncomingMessage, guildId: string, botId: string, now: Date): ResponsePosted {
  const ref = messageRef(guildId, message.channel_id, message.id);
  const reference = isForward(message) ? undefined : message.message_reference;
  const forwarded = forwardedContent(message);
  return {
    platform: 'discord',
    containerRef: threadRef(guildId, message.channel_id),
    messageRef: ref,
    author: identityOf(message),
    body: forwarded?.body ?? withoutLeadingMention(message.content ?? '', botId),
    replyToRef: reference?.message_id
      ? messageRef(guildId, reference.channel_id ?? message.channel_id, reference.message_id)
      : null,
    attachments: forwarded?.attachments ?? (message.attachments ?? []).map((a) => ({ name: a.filename, url: a.url })),
    idempotencyKey: ref,
    at: instantOf(message.timestamp, now),
  };
}
