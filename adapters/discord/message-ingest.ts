import { GatewayDispatchEvents, type GatewayDispatchPayload } from 'discord.js';
import type { CoreDeps } from '../../src/core/consultation/deps.ts';
import { recordDeletion, recordEdit, recordResponse } from '../../src/core/consultation/record-response.ts';
import type { Logger } from '../../src/core/ports/logger.ts';
import type { ContentAccess } from './content-access.ts';
import { contentSign } from './content-evidence.ts';
import { KeyedQueue } from './keyed-queue.ts';
import { isPersonsEdit } from './message-kinds.ts';
import { type IncomingMessage, isPersonMessage, responsePosted, withoutLeadingMention } from './message-translation.ts';
import { messageRef, threadRef } from './refs.ts';

/** Told what became of each message event; for metrics and benchmarks. */
export type IngestObserver = (event: {
  kind: 'create' | 'edit' | 'delete';
  messageId: string;
  outcome: string;
}) => void;

export interface IngestContext {
  deps: CoreDeps;
  content: ContentAccess;
  botId: () => string;
  logger: Logger;
  observe?: IngestObserver;
}

/**
 * Messages in question threads and forum posts, from the gateway's raw dispatches or from a catch-up's REST
 * pages (the same shape): every person's message is a response, an edit adds a revision, a deletion marks it
 * deleted. Raw payloads are used so that nothing depends on what discord.js happens to have cached: an edit of a
 * message written before a restart is still seen. Events of one channel are handled in order.
 */
export class MessageIngest {
  readonly queue = new KeyedQueue();

  constructor(private readonly context: IngestContext) {}

  onDispatch(packet: GatewayDispatchPayload): void {
    switch (packet.t) {
      case GatewayDispatchEvents.MessageCreate: {
        const message = packet.d as IncomingMessage;
        const guildId = message.guild_id;
        if (!guildId || !isPersonMessage(message)) return;
        void this.queue.run(message.channel_id, () => this.created(message, guildId));
        return;
      }
      case GatewayDispatchEvents.MessageUpdate: {
        const message = packet.d as Partial<IncomingMessage> & { id: string; channel_id: string };
        const guildId = message.guild_id;
        if (!guildId || message.author?.bot || message.webhook_id) return;
        void this.queue.run(message.channel_id, () => this.#edited(message, guildId));
        return;
      }
      case GatewayDispatchEvents.MessageDelete: {
        const { id, channel_id: channelId, guild_id: guildId } = packet.d;
        if (!guildId) return;
        void this.queue.run(channelId, () => this.#deleted(guildId, channelId, id));
        return;
      }
      case GatewayDispatchEvents.MessageDeleteBulk: {
        const { ids, channel_id: channelId, guild_id: guildId } = packet.d;
        if (!guildId) return;
        for (const id of ids) void this.queue.run(channelId, () => this.#deleted(guildId, channelId, id));
        return;
      }
      default:
        return;
    }
  }

  /** A person's message, live or caught up; stored once however often it is seen. */
  async created(message: IncomingMessage, guildId: string): Promise<void> {
    const { deps, logger } = this.context;
    if (!isPersonMessage(message)) return;
    try {
      const sign = contentSign(message, this.context.botId());
      const where = { guildId, channelId: message.channel_id };
      if (sign === 'empty') {
        const posting = await deps.store.postings.findByMessageOrThread(threadRef(guildId, message.channel_id));
        if (posting) this.context.content.sawMessage(sign, message.author.id, where);
        this.#observe('create', message.id, 'content_withheld');
        return;
      }
      this.context.content.sawMessage(sign, message.author.id, where);
      const outcome = await recordResponse(deps, responsePosted(message, guildId, this.context.botId()));
      this.#observe('create', message.id, outcome.status);
    } catch (error) {
      logger.error(
        { err: error, guild: guildId, channel: message.channel_id, message: message.id },
        'could not record a Discord message',
      );
      this.#observe('create', message.id, 'failed');
    }
  }

  async #edited(
    message: Partial<IncomingMessage> & { id: string; channel_id: string },
    guildId: string,
  ): Promise<void> {
    // Discord also sends updates that are not edits (embeds unfurled, a thread started on the message).
    if (!isPersonsEdit(message)) return;
    if (contentSign(message as IncomingMessage, this.context.botId()) === 'empty') return;
    const ref = messageRef(guildId, message.channel_id, message.id);
    try {
      const outcome = await recordEdit(this.context.deps, {
        messageRef: ref,
        body: withoutLeadingMention(message.content, this.context.botId()),
        idempotencyKey: `${ref}:edited:${message.edited_timestamp}`,
        at: new Date(message.edited_timestamp),
      });
      this.#observe('edit', message.id, outcome);
    } catch (error) {
      this.context.logger.error({ err: error, messageRef: ref }, 'could not record an edit on Discord');
    }
  }

  async #deleted(guildId: string, channelId: string, id: string): Promise<void> {
    const ref = messageRef(guildId, channelId, id);
    try {
      const outcome = await recordDeletion(this.context.deps, { messageRef: ref, at: this.context.deps.clock.now() });
      this.#observe('delete', id, outcome);
    } catch (error) {
      this.context.logger.error({ err: error, messageRef: ref }, 'could not record a deletion on Discord');
    }
  }

  #observe(kind: 'create' | 'edit' | 'delete', messageId: string, outcome: string): void {
    this.context.observe?.({ kind, messageId, outcome });
  }
}
