import type { ChannelType } from 'discord.js';

/**
 * How the application stands with the privileged MessageContent intent:
 * - 'enabled': granted; guild messages carry their content when IDENTIFY asks for the intent.
 * - 'disabled': not granted; an IDENTIFY asking for it is closed with 4014 (Disallowed intent(s)).
 * - 'empty': IDENTIFY with the intent is accepted, yet guild messages arrive with `content: ''` (and no embeds,
 *   attachments or components), on the gateway and over REST. This is what a bot sees when it lacks the intent
 *   without asking for it; it is also what every bot gets when IDENTIFY does not ask for the intent. The
 *   application's flags then do not list the intent, as in 'disabled'.
 * In every mode, DMs, messages mentioning the bot and the bot's own messages keep their content, as on Discord.
 */
export type MessageContentAccess = 'enabled' | 'disabled' | 'empty';

/** What the bot may do in a channel: everything, read only (writes get 50013), or nothing (50001). */
export type ChannelAccess = 'full' | 'read-only' | 'none';

export interface UserSeed {
  id: string;
  username: string;
  globalName?: string;
  /** False for a user whose privacy settings refuse DMs: posting in their DM answers 403 (50007). */
  acceptsDirectMessages?: boolean;
}

export interface RoleSeed {
  id: string;
  name: string;
  permissions: bigint;
}

export interface MemberSeed {
  userId: string;
  roleIds?: string[];
  nick?: string;
}

export interface ForumTagSeed {
  id: string;
  name: string;
  moderated?: boolean;
}

interface ChannelSeedBase {
  id: string;
  name: string;
  access?: ChannelAccess;
}

export interface TextChannelSeed extends ChannelSeedBase {
  type: ChannelType.GuildText;
  topic?: string;
}

export interface ForumChannelSeed extends ChannelSeedBase {
  type: ChannelType.GuildForum;
  tags: ForumTagSeed[];
  /** Posts without at least one tag are refused (40067), like a forum with "Require tags" switched on. */
  requireTag?: boolean;
}

export interface ThreadSeed extends ChannelSeedBase {
  type: ChannelType.PublicThread;
  parentId: string;
  ownerId: string;
}

export type ChannelSeed = TextChannelSeed | ForumChannelSeed | ThreadSeed;

export interface GuildSeed {
  id: string;
  name: string;
  ownerId: string;
  /** Permissions of @everyone, whose role id is the guild id. */
  everyonePermissions?: bigint;
  roles?: RoleSeed[];
  members: MemberSeed[];
  channels: ChannelSeed[];
}

export interface FakeDiscordOptions {
  token?: string;
  /** The application id, which is also the bot user's id. */
  applicationId?: string;
  botUsername?: string;
  /** Permissions of the bot's managed role in every guild. */
  botPermissions?: bigint;
  users?: UserSeed[];
  guilds?: GuildSeed[];
  messageContent?: MessageContentAccess;
  heartbeatIntervalMs?: number;
  /** Pause between READY and the first GUILD_CREATE, so the client handles READY first. */
  guildCreateDelayMs?: number;
  /** Time allowed for the first answer to an interaction before it becomes unknown (10062). */
  interactionDeadlineMs?: number;
  /** How long an interaction token takes follow-ups (15 minutes on Discord); see `advanceClock`. */
  interactionTokenLifetimeMs?: number;
}
