import {
  type APIChannel,
  type APIDMChannel,
  type APIOverwrite,
  type APIThreadChannel,
  type APIUser,
  ChannelFlags,
  ChannelType,
  ForumLayoutType,
} from 'discord.js';
import type { ChannelSeed } from './options.ts';

const noFlags = 0 as ChannelFlags;

export interface ThreadInit {
  id: string;
  guildId: string;
  parentId: string;
  name: string;
  ownerId: string;
  autoArchiveMinutes?: number;
  appliedTags?: string[];
}

export function threadPayload(thread: ThreadInit): APIThreadChannel {
  const now = new Date().toISOString();
  return {
    id: thread.id,
    type: ChannelType.PublicThread,
    guild_id: thread.guildId,
    parent_id: thread.parentId,
    name: thread.name,
    owner_id: thread.ownerId,
    last_message_id: null,
    message_count: 0,
    member_count: 1,
    total_message_sent: 0,
    rate_limit_per_user: 0,
    flags: noFlags,
    applied_tags: thread.appliedTags ?? [],
    thread_metadata: {
      archived: false,
      auto_archive_duration: thread.autoArchiveMinutes ?? 4320,
      archive_timestamp: now,
      locked: false,
      create_timestamp: now,
    },
  };
}

/** A guild channel as GUILD_CREATE and GET /channels/:id describe it. */
export function channelPayload(
  guildId: string,
  seed: ChannelSeed,
  position: number,
  permission_overwrites: APIOverwrite[],
): APIChannel {
  const common = { id: seed.id, guild_id: guildId, name: seed.name, position, parent_id: null, nsfw: false };
  switch (seed.type) {
    case ChannelType.GuildText:
      return {
        ...common,
        type: ChannelType.GuildText,
        topic: seed.topic ?? null,
        rate_limit_per_user: 0,
        last_message_id: null,
        flags: noFlags,
        permission_overwrites,
      };
    case ChannelType.GuildForum:
      return {
        ...common,
        type: ChannelType.GuildForum,
        topic: null,
        rate_limit_per_user: 0,
        last_message_id: null,
        flags: seed.requireTag ? ChannelFlags.RequireTag : noFlags,
        permission_overwrites,
        available_tags: seed.tags.map((tag) => ({
          id: tag.id,
          name: tag.name,
          moderated: tag.moderated ?? false,
          emoji_id: null,
          emoji_name: null,
        })),
        default_reaction_emoji: null,
        default_sort_order: null,
        default_forum_layout: ForumLayoutType.NotSet,
      };
    case ChannelType.PublicThread:
      return threadPayload({ ...seed, guildId });
  }
}

export function dmChannelPayload(id: string, recipient: APIUser): APIDMChannel {
  return { id, type: ChannelType.DM, name: null, last_message_id: null, flags: noFlags, recipients: [recipient] };
}
