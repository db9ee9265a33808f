import {
  type APIApplicationCommand,
  type APIChannel,
  type APIMessage,
  type APIOverwrite,
  type APIRole,
  type APIUser,
  ApplicationFlags,
  ChannelType,
  OverwriteType,
  PermissionFlagsBits,
  type RoleFlags,
  type UserFlags,
} from 'discord.js';
import { channelPayload, dmChannelPayload } from './channel-payloads.ts';
import { defaultGuilds, defaultIds, defaultUsers } from './default-world.ts';
import { missingAccess, missingPermissions, unknownChannel, unknownMessage, unknownUser } from './errors.ts';
import type { ChannelAccess, FakeDiscordOptions, GuildSeed, MessageContentAccess } from './options.ts';
import { createSnowflakes } from './snowflakes.ts';

const defaultEveryonePermissions =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.UseApplicationCommands;

const defaultBotPermissions =
  defaultEveryonePermissions | PermissionFlagsBits.ManageMessages | PermissionFlagsBits.ManageThreads;

const writePermissions =
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.CreatePrivateThreads;

export interface FakeUser {
  data: APIUser;
  acceptsDirectMessages: boolean;
}

export interface FakeMember {
  userId: string;
  roleIds: string[];
  nick: string | null;
  joinedAt: string;
}

export interface FakeGuild {
  id: string;
  name: string;
  ownerId: string;
  roles: APIRole[];
  members: Map<string, FakeMember>;
}

export interface FakeChannel {
  data: APIChannel;
  access: ChannelAccess;
  /** Ids of the channel's messages, oldest first. */
  messageIds: string[];
}

export interface StoredFile {
  filename: string;
  contentType: string;
  bytes: Buffer;
}

function userPayload(id: string, username: string, globalName: string | null, bot = false): APIUser {
  return {
    id,
    username,
    discriminator: bot ? '4302' : '0',
    global_name: globalName,
    avatar: null,
    ...(bot && { bot: true }),
    public_flags: 0 as UserFlags,
    primary_guild: null,
    collectibles: null,
    avatar_decoration_data: null,
  };
}

function rolePayload(id: string, name: string, permissions: bigint, position: number, botId?: string): APIRole {
  return {
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position,
    permissions: permissions.toString(),
    managed: botId !== undefined,
    mentionable: false,
    flags: 0 as RoleFlags,
    ...(botId && { tags: { bot_id: botId } }),
  };
}

/** The application's flags: GatewayMessageContent only when the intent is granted. */
export function applicationFlags(world: World): ApplicationFlags {
  return (world.messageContent === 'enabled' ? ApplicationFlags.GatewayMessageContent : 0) as ApplicationFlags;
}

/** The fake's model of Discord: users, guilds with roles and members, channels, messages and commands. */
export class World {
  readonly nextId = createSnowflakes();
  readonly token: string;
  readonly applicationId: string;
  readonly bot: APIUser;
  /** Mutable, so a test can grant or withdraw the intent mid-session. */
  messageContent: MessageContentAccess;
  /** Where the fake listens, such as http://127.0.0.1:PORT; set once it does. */
  publicUrl = '';
  readonly users = new Map<string, FakeUser>();
  readonly guilds = new Map<string, FakeGuild>();
  readonly channels = new Map<string, FakeChannel>();
  /** Every message, ephemeral ones included; channels list the others. */
  readonly messages = new Map<string, APIMessage>();
  /** Uploaded bytes, by attachment id. */
  readonly files = new Map<string, StoredFile>();
  /** Registered application commands, under 'global' or a guild id. */
  readonly commands = new Map<string, APIApplicationCommand[]>();

  constructor(options: FakeDiscordOptions) {
    this.token = options.token ?? 'fake-bot-token';
    this.applicationId = options.applicationId ?? defaultIds.applicationId;
    this.bot = userPayload(this.applicationId, options.botUsername ?? 'Agora', null, true);
    this.messageContent = options.messageContent ?? 'enabled';
    this.users.set(this.bot.id, { data: this.bot, acceptsDirectMessages: true });
    for (const seed of options.users ?? defaultUsers) {
      this.users.set(seed.id, {
        data: userPayload(seed.id, seed.username, seed.globalName ?? null),
        acceptsDirectMessages: seed.acceptsDirectMessages ?? true,
      });
    }
    for (const seed of options.guilds ?? defaultGuilds) this.#addGuild(seed, options.botPermissions);
  }

  #addGuild(seed: GuildSeed, botPermissions = defaultBotPermissions): void {
    const joinedAt = new Date().toISOString();
    const botRoleId = this.nextId();
    const roles = [
      rolePayload(seed.id, '@everyone', seed.everyonePermissions ?? defaultEveryonePermissions, 0),
      ...(seed.roles ?? []).map((role, index) => rolePayload(role.id, role.name, role.permissions, index + 1)),
      rolePayload(botRoleId, this.bot.username, botPermissions, (seed.roles?.length ?? 0) + 1, this.bot.id),
    ];
    const members = new Map<string, FakeMember>();
    members.set(this.bot.id, { userId: this.bot.id, roleIds: [botRoleId], nick: null, joinedAt });
    for (const member of seed.members) {
      if (!this.users.has(member.userId)) throw new Error(`Member ${member.userId} is not among the users`);
      members.set(member.userId, {
        userId: member.userId,
        roleIds: member.roleIds ?? [],
        nick: member.nick ?? null,
        joinedAt,
      });
    }
    this.guilds.set(seed.id, { id: seed.id, name: seed.name, ownerId: seed.ownerId, roles, members });
    seed.channels.forEach((channel, position) => {
      this.channels.set(channel.id, {
        data: channelPayload(seed.id, channel, position, this.overwritesFor(channel.access ?? 'full')),
        access: channel.access ?? 'full',
        messageIds: [],
      });
    });
  }

  /** Permission overwrites on the bot's member that make discord.js see the same access the fake enforces. */
  overwritesFor(access: ChannelAccess): APIOverwrite[] {
    if (access === 'full') return [];
    const deny = access === 'none' ? PermissionFlagsBits.ViewChannel : writePermissions;
    return [{ id: this.bot.id, type: OverwriteType.Member, allow: '0', deny: deny.toString() }];
  }

  findChannel(id: string): FakeChannel | undefined {
    return this.channels.get(id);
  }

  /** The channel, or the error Discord answers when the bot cannot use it as asked. */
  channelFor(id: string, intent: 'read' | 'write'): FakeChannel {
    const channel = this.channels.get(id);
    if (!channel) throw unknownChannel();
    const access = this.accessOf(channel);
    if (access === 'none') throw missingAccess();
    if (intent === 'write' && access === 'read-only') throw missingPermissions();
    return channel;
  }

  /** Threads take the stricter of their own access and their parent's. */
  accessOf(channel: FakeChannel): ChannelAccess {
    const parentId = 'parent_id' in channel.data ? channel.data.parent_id : null;
    const parent = parentId ? this.channels.get(parentId) : undefined;
    const ranks: ChannelAccess[] = ['full', 'read-only', 'none'];
    const parentAccess = parent?.access ?? 'full';
    return ranks.indexOf(parentAccess) > ranks.indexOf(channel.access) ? parentAccess : channel.access;
  }

  guildOf(channel: FakeChannel): FakeGuild | undefined {
    const guildId = 'guild_id' in channel.data ? channel.data.guild_id : undefined;
    return guildId ? this.guilds.get(guildId) : undefined;
  }

  userFor(id: string): FakeUser {
    const user = this.users.get(id);
    if (!user) throw unknownUser();
    return user;
  }

  messageIn(channelId: string, messageId: string): APIMessage {
    const message = this.messages.get(messageId);
    if (!message || message.channel_id !== channelId) throw unknownMessage();
    return message;
  }

  /** Permissions of a member from @everyone and their roles; owners and administrators have all of them. */
  permissionsOf(guild: FakeGuild, userId: string): bigint {
    const member = guild.members.get(userId);
    const roleIds = new Set([guild.id, ...(member?.roleIds ?? [])]);
    const granted = guild.roles
      .filter((role) => roleIds.has(role.id))
      .reduce((all, role) => all | BigInt(role.permissions), 0n);
    const everything = Object.values(PermissionFlagsBits).reduce((all, flag) => all | flag, 0n);
    if (guild.ownerId === userId || granted & PermissionFlagsBits.Administrator) return everything;
    return granted;
  }

  /** The DM channel between the bot and a user, opened on first use. */
  dmChannelWith(userId: string): FakeChannel {
    const user = this.userFor(userId);
    for (const channel of this.channels.values()) {
      if (channel.data.type === ChannelType.DM && channel.data.recipients?.[0]?.id === userId) return channel;
    }
    const channel: FakeChannel = { data: dmChannelPayload(this.nextId(), user.data), access: 'full', messageIds: [] };
    this.channels.set(channel.data.id, channel);
    return channel;
  }

  /** Stores a message; ephemeral ones are kept out of the channel's history. */
  storeMessage(message: APIMessage, ephemeral = false): void {
    this.messages.set(message.id, message);
    if (ephemeral) return;
    const channel = this.channels.get(message.channel_id);
    if (!channel) return;
    channel.messageIds.push(message.id);
    const data = channel.data as {
      last_message_id?: string | null;
      message_count?: number;
      total_message_sent?: number;
    };
    data.last_message_id = message.id;
    if (data.message_count !== undefined) data.message_count += 1;
    if (data.total_message_sent !== undefined) data.total_message_sent += 1;
  }

  forgetMessage(message: APIMessage): void {
    this.messages.delete(message.id);
    const channel = this.channels.get(message.channel_id);
    if (channel) channel.messageIds = channel.messageIds.filter((id) => id !== message.id);
  }

  /** A channel's messages, oldest first. */
  history(channelId: string): APIMessage[] {
    return (this.channels.get(channelId)?.messageIds ?? []).flatMap((id) => this.messages.get(id) ?? []);
  }
}
