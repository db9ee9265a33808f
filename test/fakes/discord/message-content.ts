import type { APIMessage } from 'discord.js';

/**
 * Whether Discord strips this message's content for a bot without the MessageContent intent: it keeps the
 * content of DMs, of messages that mention the bot and of the bot's own messages.
 */
export function contentIsWithheld(message: APIMessage, botId: string, inGuild: boolean): boolean {
  if (!inGuild || message.author?.id === botId) return false;
  return !(message.mentions ?? []).some((user) => user.id === botId);
}

/** A message as a bot without the intent sees it: a forward's snapshots lose their content too. */
export function withoutContent<T extends APIMessage>(message: T): T {
  const snapshots = message.message_snapshots?.map((snapshot) => ({
    ...snapshot,
    message: { ...snapshot.message, content: '', embeds: [], attachments: [], components: [] },
  }));
  return {
    ...message,
    content: '',
    embeds: [],
    attachments: [],
    components: [],
    ...(snapshots && { message_snapshots: snapshots }),
  };
}
