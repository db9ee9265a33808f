import { ChannelType, type Client, PermissionFlagsBits, type PermissionResolvable } from 'discord.js';

/** What Agora needs in a channel it posts questions to; forums need the same, their posts being threads. */
export const NEEDED: Record<string, bigint> = {
  'View Channel': PermissionFlagsBits.ViewChannel,
  'Send Messages': PermissionFlagsBits.SendMessages,
  'Send Messages in Threads': PermissionFlagsBits.SendMessagesInThreads,
  'Create Public Threads': PermissionFlagsBits.CreatePublicThreads,
  'Embed Links': PermissionFlagsBits.EmbedLinks,
  'Attach Files': PermissionFlagsBits.AttachFiles,
  'Read Message History': PermissionFlagsBits.ReadMessageHistory,
};

/**
 * The permissions Agora lacks in a channel, by the names the Discord client shows, as far as this process can
 * tell (it knows only the guilds of its own shards); empty when it cannot tell.
 */
export function missingPermissions(client: Client | undefined, channelId: string): string[] {
  const channel = client?.channels.cache.get(channelId);
  const me = client?.user;
  if (!channel || !me || channel.type === ChannelType.DM || !('permissionsFor' in channel)) return [];
  const granted = channel.permissionsFor(me);
  if (!granted) return [];
  if (!granted.has(PermissionFlagsBits.ViewChannel)) return ['View Channel'];
  return Object.entries(NEEDED)
    .filter(([, flag]) => !granted.has(flag as PermissionResolvable))
    .map(([name]) => name);
}

/** "#general (1100…20)" when this process knows the channel, else its id. */
export function describeChannel(client: Client | undefined, channelId: string): string {
  const channel = client?.channels.cache.get(channelId);
  const name = channel && 'name' in channel && channel.name ? `#${channel.name} ` : '';
  return name ? `${name}(${channelId})` : `channel ${channelId}`;
}
