import {
  type APIChannel,
  type APIGuildMember,
  type APIInteractionGuildMember,
  type APIMessage,
  type APIUser,
  type GatewayGuildCreateDispatchData,
  type GatewayMessageCreateDispatchData,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  type GuildSystemChannelFlags,
  GuildVerificationLevel,
  Locale,
  type TextChannelType,
} from 'discord.js';
import type { FakeGuild, FakeMember, World } from './world.ts';

function memberFields(member: FakeMember) {
  return {
    roles: member.roleIds,
    premium_since: null,
    pending: false,
    nick: member.nick,
    mute: false,
    joined_at: member.joinedAt,
    flags: 0,
    deaf: false,
    communication_disabled_until: null,
    banner: null,
    avatar: null,
  };
}

export function memberPayload(world: World, member: FakeMember): APIGuildMember {
  return { user: world.userFor(member.userId).data, ...memberFields(member) };
}

/** A member as interactions carry it: with the user and their permissions in the guild. */
export function interactionMemberPayload(world: World, guild: FakeGuild, userId: string): APIInteractionGuildMember {
  const member = guild.members.get(userId);
  if (!member) throw new Error(`User ${userId} is not a member of guild ${guild.id}`);
  return {
    user: world.userFor(userId).data,
    ...memberFields(member),
    permissions: world.permissionsOf(guild, userId).toString(),
  };
}

export function guildCreatePayload(world: World, guild: FakeGuild): GatewayGuildCreateDispatchData {
  type Payload = GatewayGuildCreateDispatchData;
  const channels = [...world.channels.values()]
    .filter((channel) => world.guildOf(channel) === guild)
    .map((channel) => channel.data);
  const isThread = (channel: APIChannel): channel is Payload['threads'][number] => 'thread_metadata' in channel;
  const isNotThread = (channel: APIChannel): channel is Payload['channels'][number] => !isThread(channel);
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: GuildVerificationLevel.None,
    default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
    explicit_content_filter: GuildExplicitContentFilter.Disabled,
    roles: guild.roles,
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: GuildMFALevel.None,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0 as GuildSystemChannelFlags,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    vanity_url_code: null,
    premium_tier: GuildPremiumTier.None,
    premium_subscription_count: 0,
    premium_progress_bar_enabled: false,
    preferred_locale: Locale.EnglishUS,
    nsfw_level: GuildNSFWLevel.Default,
    hub_type: null,
    incidents_data: null,
    max_members: 500000,
    max_video_channel_users: 25,
    joined_at: guild.members.get(world.bot.id)?.joinedAt ?? new Date().toISOString(),
    large: false,
    unavailable: false,
    member_count: guild.members.size,
    voice_states: [],
    members: [...guild.members.values()].map((member) => memberPayload(world, member)),
    channels: channels.filter(isNotThread),
    threads: channels.filter(isThread),
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

/** A stored message as MESSAGE_CREATE and MESSAGE_UPDATE carry it: with guild_id, member and channel_type. */
export function messageEventPayload(world: World, message: APIMessage): GatewayMessageCreateDispatchData {
  const channel = world.findChannel(message.channel_id);
  const guild = channel && world.guildOf(channel);
  const withMember = (user: APIUser) => {
    const member = guild?.members.get(user.id);
    return member ? { ...user, member: memberFields(member) } : user;
  };
  const author = guild?.members.get(message.author.id);
  return {
    ...message,
    mentions: message.mentions.map(withMember),
    ...(channel && { channel_type: channel.data.type as TextChannelType }),
    ...(guild && { guild_id: guild.id }),
    ...(author && { member: memberFields(author) }),
  };
}
