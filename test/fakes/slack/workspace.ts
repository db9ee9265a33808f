import { slackId } from './ids.ts';
import { compareTs, nextTs, nowSeconds } from './timestamps.ts';

export interface UserSpec {
  id: string;
  name: string;
  realName?: string;
  email?: string;
  tz?: string;
  isBot?: boolean;
  botId?: string;
  isAdmin?: boolean;
  isOwner?: boolean;
  /** Deactivated: still listed by `users.list`, with `deleted: true`. */
  deleted?: boolean;
  /** When the profile last changed (seconds), as `updated` says. */
  updated?: number;
  /** The organisation the person belongs to: another one's for a Slack Connect guest. Defaults to the workspace's. */
  teamId?: string;
}

export interface ChannelSpec {
  id: string;
  name: string;
  isPrivate?: boolean;
  /** Whether the app's bot user has joined; posting elsewhere fails with `not_in_channel`. Defaults to true. */
  botIsMember?: boolean;
  /** Human members; defaults to every human user. */
  members?: string[];
  /** Other organisations' teams this channel is shared with over Slack Connect (`is_ext_shared_channel`). */
  sharedWith?: string[];
}

export interface BotIdentity {
  userId: string;
  botId: string;
  name: string;
}

export interface WorkspaceSpec {
  teamId: string;
  teamName: string;
  teamDomain: string;
  appId: string;
  bot: BotIdentity;
  users: UserSpec[];
  channels: ChannelSpec[];
  /** The Enterprise Grid organisation the workspace belongs to, if any. */
  enterpriseId?: string;
}

export interface Channel {
  id: string;
  name: string;
  isPrivate: boolean;
  isIm: boolean;
  isMpim: boolean;
  botIsMember: boolean;
  members: Set<string>;
  /** Teams of other organisations the channel is shared with; empty for an ordinary channel. */
  sharedWith: string[];
  created: number;
}

export interface FileObject {
  id: string;
  name: string;
  title: string;
  mimetype: string;
  filetype: string;
  size: number;
  user: string;
  created: number;
  url_private: string;
  url_private_download: string;
  permalink: string;
  [field: string]: unknown;
}

interface MessageFields {
  text: string;
  user?: string;
  bot_id?: string;
  app_id?: string;
  subtype?: string;
  thread_ts?: string;
  parent_user_id?: string;
  client_msg_id?: string;
  blocks?: unknown[];
  attachments?: unknown[];
  files?: FileObject[];
  edited?: { user: string; ts: string };
  [field: string]: unknown;
}

/** A message as Slack's history methods return it. */
export interface StoredMessage extends MessageFields {
  type: 'message';
  ts: string;
  team: string;
}

export interface NewMessage extends MessageFields {
  ts?: string;
}

export interface EphemeralMessage {
  channel: string;
  user: string;
  message: StoredMessage;
}

/** The state of one Slack workspace: its people, its conversations and every message in them. */
export class Workspace {
  readonly teamId: string;
  readonly teamName: string;
  readonly teamDomain: string;
  readonly appId: string;
  readonly enterpriseId: string | undefined;
  readonly bot: BotIdentity;
  readonly ephemeral: EphemeralMessage[] = [];
  private readonly users = new Map<string, UserSpec>();
  private readonly channels = new Map<string, Channel>();
  private readonly messagesByChannel = new Map<string, StoredMessage[]>();

  constructor(spec: WorkspaceSpec) {
    this.teamId = spec.teamId;
    this.teamName = spec.teamName;
    this.teamDomain = spec.teamDomain;
    this.appId = spec.appId;
    this.enterpriseId = spec.enterpriseId;
    this.bot = spec.bot;
    this.addUser({ id: spec.bot.userId, name: spec.bot.name, isBot: true, botId: spec.bot.botId });
    for (const user of spec.users) this.addUser(user);
    for (const channel of spec.channels) this.addChannel(channel);
  }

  addUser(user: UserSpec): void {
    this.users.set(user.id, user);
  }

  user(id: string): UserSpec | undefined {
    return this.users.get(id);
  }

  /** The organisation a person belongs to: ours, or a Slack Connect guest's own. */
  teamOf(userId: string | undefined): string {
    return (userId && this.users.get(userId)?.teamId) || this.teamId;
  }

  /** Changes a person's profile in place (a rename, a promotion, a deactivation); returns them as they are now. */
  changeUser(id: string, changes: Partial<Omit<UserSpec, 'id'>>): UserSpec {
    const user = this.users.get(id);
    if (!user) throw new Error(`no user ${id}`);
    const changed = { ...user, ...changes };
    this.users.set(id, changed);
    return changed;
  }

  /** The people `users.list` returns: the workspace's own, bots and deactivated people included, not guests. */
  members(): UserSpec[] {
    return [...this.users.values()].filter((user) => !user.teamId || user.teamId === this.teamId);
  }

  humans(): UserSpec[] {
    return [...this.users.values()].filter((user) => !user.isBot);
  }

  addChannel(spec: ChannelSpec): Channel {
    const members = spec.members ?? (spec.isPrivate ? [] : this.humans().map((user) => user.id));
    const channel: Channel = {
      id: spec.id,
      name: spec.name,
      isPrivate: spec.isPrivate ?? false,
      isIm: false,
      isMpim: false,
      botIsMember: spec.botIsMember ?? true,
      members: new Set(members),
      sharedWith: spec.sharedWith ?? [],
      created: nowSeconds(),
    };
    this.channels.set(channel.id, channel);
    return channel;
  }

  /** Finds a conversation by id, or by name with or without the leading '#'. */
  channel(idOrName: string): Channel | undefined {
    const byId = this.channels.get(idOrName);
    if (byId) return byId;
    const name = idOrName.replace(/^#/, '');
    return [...this.channels.values()].find((channel) => channel.name === name && !channel.isIm);
  }

  /** The DM (one user) or group DM (several) between the bot and these users, created on first use. */
  openConversation(userIds: string[]): Channel {
    const members = new Set(userIds);
    const isIm = userIds.length === 1;
    const existing = [...this.channels.values()].find(
      (channel) =>
        (isIm ? channel.isIm : channel.isMpim) &&
        channel.members.size === members.size &&
        [...members].every((id) => channel.members.has(id)),
    );
    if (existing) return existing;
    const channel: Channel = {
      id: slackId(isIm ? 'D' : 'G'),
      name: isIm ? (userIds[0] ?? '') : `mpdm-${userIds.join('--')}-1`,
      isPrivate: true,
      isIm,
      isMpim: !isIm,
      botIsMember: true,
      members,
      sharedWith: [],
      created: nowSeconds(),
    };
    this.channels.set(channel.id, channel);
    return channel;
  }

  channelType(channel: Channel): 'channel' | 'group' | 'im' | 'mpim' {
    if (channel.isIm) return 'im';
    if (channel.isMpim) return 'mpim';
    return channel.isPrivate ? 'group' : 'channel';
  }

  post(channelId: string, message: NewMessage): StoredMessage {
    const fields = Object.entries(message).filter(([, value]) => value !== undefined);
    const stored: StoredMessage = {
      ...(Object.fromEntries(fields) as NewMessage),
      type: 'message',
      ts: message.ts ?? nextTs(),
      team: this.teamOf(message.user),
    };
    const messages = this.messagesOf(channelId);
    messages.push(stored);
    messages.sort((a, b) => compareTs(a.ts, b.ts));
    return stored;
  }

  message(channelId: string, ts: string): StoredMessage | undefined {
    return this.messagesByChannel.get(channelId)?.find((message) => message.ts === ts);
  }

  replace(channelId: string, message: StoredMessage): void {
    const messages = this.messagesOf(channelId);
    const index = messages.findIndex((existing) => existing.ts === message.ts);
    if (index >= 0) messages[index] = message;
  }

  /** Deletes a message; a thread parent with replies stays behind as a tombstone, as in Slack. */
  remove(channelId: string, ts: string): void {
    const messages = this.messagesOf(channelId);
    const index = messages.findIndex((message) => message.ts === ts);
    if (index < 0) return;
    if (this.repliesTo(channelId, ts).length === 0) {
      messages.splice(index, 1);
      return;
    }
    messages[index] = {
      type: 'message',
      subtype: 'tombstone',
      ts,
      thread_ts: ts,
      text: 'This message was deleted.',
      user: 'USLACKBOT',
      hidden: true,
      team: this.teamId,
    };
  }

  /** Every stored message of a conversation, thread replies included, oldest first. */
  messages(channelId: string): StoredMessage[] {
    return [...this.messagesOf(channelId)];
  }

  /** What conversations.history shows: top-level messages and broadcast replies, oldest first. */
  timeline(channelId: string): StoredMessage[] {
    return this.messagesOf(channelId)
      .filter((message) => !isReply(message) || message.subtype === 'thread_broadcast')
      .map((message) => this.withThreadSummary(channelId, message));
  }

  /** The parent and its replies, oldest first; undefined when `threadTs` is not a top-level message. */
  thread(channelId: string, threadTs: string): StoredMessage[] | undefined {
    const parent = this.message(channelId, threadTs);
    if (!parent || isReply(parent)) return undefined;
    const replies = this.repliesTo(channelId, threadTs);
    return [this.withThreadSummary(channelId, parent), ...replies];
  }

  private repliesTo(channelId: string, threadTs: string): StoredMessage[] {
    return this.messagesOf(channelId).filter((message) => message.thread_ts === threadTs && message.ts !== threadTs);
  }

  private withThreadSummary(channelId: string, message: StoredMessage): StoredMessage {
    const replies = this.repliesTo(channelId, message.ts);
    if (replies.length === 0) return message;
    const replyUsers = [...new Set(replies.map((reply) => reply.user ?? reply.bot_id ?? ''))];
    return {
      ...message,
      thread_ts: message.ts,
      reply_count: replies.length,
      reply_users_count: replyUsers.length,
      latest_reply: replies[replies.length - 1]?.ts,
      reply_users: replyUsers,
    };
  }

  private messagesOf(channelId: string): StoredMessage[] {
    let messages = this.messagesByChannel.get(channelId);
    if (!messages) {
      messages = [];
      this.messagesByChannel.set(channelId, messages);
    }
    return messages;
  }
}

export function isReply(message: StoredMessage): boolean {
  return message.thread_ts !== undefined && message.thread_ts !== message.ts;
}
