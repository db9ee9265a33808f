import type { APIMessage } from 'discord.js';

/**
 * Whether Discord strips this message's content for a bot without the MessageContent intent: it keeps the
 * content of DMs, of messages that mention the bot and of the bot's own messages.
 */
export function contentIsWithheld(message: APIMessage, botId: string, inGuild: boolean): boolean {
  if (!inGuild || message.author.id === botId) return false;
  return !message.mentions.some((user) => user.id === botId);
}

export function withoutContent<T extends APIMessage>(message: T): T {
  return { ...message, content: '', embeds: [], attachments: [], components: [] };
}
