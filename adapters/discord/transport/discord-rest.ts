import {
  type APIChannel,
  type APIMessage,
  type APIThreadChannel,
  type RawFile,
  type REST,
  type RESTPostAPIChannelMessageJSONBody,
  type RESTPostAPIGuildForumThreadsJSONBody,
  Routes,
} from 'discord.js';

/** Never ping anyone: stored text is shown again, and a quoted @everyone must stay words. */
export const NO_PINGS = { parse: [] as [], replied_user: false };

export type MessageBody = RESTPostAPIChannelMessageJSONBody;

const CHANNEL_TTL_MS = 5 * 60_000;

/**
 * The REST calls the adapter makes, on discord.js's REST client (which queues by Discord's rate-limit buckets and
 * retries 429s). Every message goes out with `allowed_mentions: { parse: [] }`. Works for any guild, whichever
 * shard (or process) receives its gateway events.
 */
export class DiscordRest {
  readonly #channels = new Map<string, { channel: APIChannel; at: number }>();

  constructor(private readonly rest: () => REST) {}

  async channel(id: string): Promise<APIChannel> {
    const cached = this.#channels.get(id);
    if (cached && Date.now() - cached.at < CHANNEL_TTL_MS) return cached.channel;
    const channel = (await this.rest().get(Routes.channel(id))) as APIChannel;
    this.#channels.set(id, { channel, at: Date.now() });
    return channel;
  }

  async send(channelId: string, body: MessageBody, files: RawFile[] = []): Promise<APIMessage> {
    return (await this.rest().post(Routes.channelMessages(channelId), {
      body: { ...body, allowed_mentions: NO_PINGS },
      ...(files.length ? { files } : {}),
    })) as APIMessage;
  }

  async edit(channelId: string, messageId: string, body: MessageBody): Promise<APIMessage> {
    return (await this.rest().patch(Routes.channelMessage(channelId, messageId), {
      body: { ...body, allowed_mentions: NO_PINGS },
    })) as APIMessage;
  }

  async delete(channelId: string, messageId: string): Promise<void> {
    await this.rest().delete(Routes.channelMessage(channelId, messageId));
  }

  /** A public thread on a message; Discord gives it the message's id. */
  async threadFromMessage(channelId: string, messageId: string, name: string): Promise<APIThreadChannel> {
    return (await this.rest().post(Routes.threads(channelId, messageId), {
      body: { name, auto_archive_duration: 10080 },
    })) as APIThreadChannel;
  }

  /** A forum post: a thread whose first message (same id as the thread) is the question. */
  async forumPost(
    forumId: string,
    post: { name: string; message: MessageBody; appliedTags: string[] },
  ): Promise<APIThreadChannel & { message?: APIMessage }> {
    const body: RESTPostAPIGuildForumThreadsJSONBody = {
      name: post.name,
      auto_archive_duration: 10080,
      message: { ...post.message, allowed_mentions: NO_PINGS },
      ...(post.appliedTags.length ? { applied_tags: post.appliedTags } : {}),
    };
    return (await this.rest().post(Routes.threads(forumId), { body })) as APIThreadChannel & { message?: APIMessage };
  }

  async directMessageChannel(userId: string): Promise<string> {
    const channel = (await this.rest().post(Routes.userChannels(), { body: { recipient_id: userId } })) as APIChannel;
    return channel.id;
  }

  /** Replaces the reply to an interaction (a deferral's placeholder, or the message a deferred update sits on). */
  async editInteractionReply(applicationId: string, token: string, body: MessageBody): Promise<APIMessage> {
    return (await this.rest().patch(Routes.webhookMessage(applicationId, token, '@original'), {
      body: { ...body, allowed_mentions: NO_PINGS },
      auth: false,
    })) as APIMessage;
  }

  /** A further message in answer to an interaction (ephemeral when the flags say so). */
  async followUpInteraction(applicationId: string, token: string, body: MessageBody): Promise<APIMessage> {
    return (await this.rest().post(Routes.webhook(applicationId, token), {
      body: { ...body, allowed_mentions: NO_PINGS },
      query: new URLSearchParams({ wait: 'true' }),
      auth: false,
    })) as APIMessage;
  }

  /** Up to `limit` messages after `after`, oldest first (Discord answers newest first). */
  async messagesAfter(channelId: string, after: string, limit = 100): Promise<APIMessage[]> {
    const query = new URLSearchParams({ after, limit: String(limit) });
    const page = (await this.rest().get(Routes.channelMessages(channelId), { query })) as APIMessage[];
    return [...page].sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  }
}
