import { GatewayDispatchEvents, type GatewayDispatchPayload } from 'discord.js';
import type { Consultation } from '../../../src/core/consultation/consultation.ts';
import { type InboundEvent, threadOrder } from '../../../src/core/inbound/inbound-event.ts';
import type { Logger } from '../../../src/core/ports/logger.ts';
import { messageRef, threadRef } from '../refs.ts';
import type { ContentAccess } from '../transport/content-access.ts';
import { contentSign } from './content-evidence.ts';
import { KeyedQueue } from './keyed-queue.ts';
import { isPersonsEdit } from './message-kinds.ts';
import {
  deletionKey,
  editKey,
  type IncomingMessage,
  instantOf,
  isPersonMessage,
  responsePosted,
  withoutLeadingMention,
} from './message-translation.ts';

/** Told what became of each message event (stored, duplicate, failed...); for metrics, tests and benchmarks. */
export type IngestObserver = (event: {
  kind: 'create' | 'edit' | 'delete';
  messageId: string;
  outcome: string;
}) => void;

export interface IngestContext {
  consultation: Consultation;
  content: ContentAccess;
  botId: () => string;
  logger: Logger;
  observe?: IngestObserver;
}

/** An edit as MESSAGE_UPDATE carries it: only the id and channel are sure to be there. */
export type MessageUpdate = Partial<IncomingMessage> & { id: string; channel_id: string };

/** Question threads seen so far: a thread that holds a question's replies always will. */
const KNOWN_THREADS_MAX = 20_000;

/**
 * Messages in question threads and forum posts, from the gateway's raw dispatches or from a catch-up's REST
 * pages (the same shape), handed to the core's inbound pipeline as they arrive: a person's message is a response,
 * an edit a revision, a deletion marks it deleted; the core applies them. Raw payloads are used so that nothing
 * depends on what discord.js happens to have cached: an edit of a message written before a restart is still seen.
 * The events of one channel are submitted in the order they arrived (their commits may share a batch), and a
 * payload without its optional fields is ignored or taken as it is, never thrown over.
 */
export class MessageIngest {
  readonly queue = new KeyedQueue();
  readonly #questionThreads = new Set<string>();

  constructor(private readonly context: IngestContext) {}

  onDispatch(packet: GatewayDispatchPayload): void {
    try {
      this.#dispatch(packet);
    } catch (error) {
      this.context.logger.error({ err: error, event: packet.t }, 'could not take a Discord gateway event');
    }
  }

  #dispatch(packet: GatewayDispatchPayload): void {
    switch (packet.t) {
      case GatewayDispatchEvents.MessageCreate: {
        const message = packet.d as IncomingMessage | undefined;
        const guildId = message?.guild_id;
        if (!message || !guildId || !message.channel_id || !isPersonMessage(message)) return;
        void this.created(message, guildId);
        return;
      }
      case GatewayDispatchEvents.MessageUpdate: {
        const message = packet.d as MessageUpdate | undefined;
        const guildId = message?.guild_id;
        if (!message?.id || !message.channel_id || !guildId || message.author?.bot || message.webhook_id) return;
        void this.edited(message, guildId);
        return;
      }
      case GatewayDispatchEvents.MessageDelete: {
        const { id, channel_id: channelId, guild_id: guildId } = packet.d ?? {};
        if (!id || !channelId || !guildId) return;
        void this.deleted(guildId, channelId, id);
        return;
      }
      case GatewayDispatchEvents.MessageDeleteBulk: {
        const { ids, channel_id: channelId, guild_id: guildId } = packet.d ?? {};
        if (!Array.isArray(ids) || !channelId || !guildId) return;
        for (const id of ids) void this.deleted(guildId, channelId, id);
        return;
      }
      default:
        return;
    }
  }

  /** A person's message, live or caught up: submitted once it is known to be in a question thread. */
  created(message: IncomingMessage, guildId: string): Promise<string> {
    if (!isPersonMessage(message)) return Promise.resolve('ignored');
    const sign = contentSign(message, this.context.botId());
    const where = { guildId, channelId: message.channel_id };
    if (sign !== 'empty') this.context.content.sawMessage(sign, message.author.id, where);
    return this.#submitInOrder('create', guildId, message.channel_id, message.id, () => {
      if (sign !== 'empty') return this.postedEvent(message, guildId);
      // Empty in a question thread: evidence that Discord withholds content; nothing to record.
      this.context.content.sawMessage(sign, message.author.id, where);
      return 'content_withheld';
    });
  }

  /** The event of a person's message: keyed by the message, so that every delivery and catch-up of it is one. */
  postedEvent(message: IncomingMessage, guildId: string): InboundEvent {
    const payload = responsePosted(message, guildId, this.context.botId(), this.context.consultation.clock.now());
    return {
      kind: 'response.posted',
      platform: 'discord',
      key: payload.messageRef,
      orderingKey: threadOrder(payload.containerRef),
      notice: {
        platformUserId: message.author.id,
        workspaceId: guildId,
        channel: { platform: 'discord', workspaceId: guildId, channelId: message.channel_id },
      },
      payload,
    };
  }

  /** An edit (Discord also sends updates that are not edits: embeds unfurled, a thread started on the message). */
  edited(message: MessageUpdate, guildId: string): Promise<string> {
    if (!isPersonsEdit(message)) return Promise.resolve('ignored');
    if (contentSign(message as IncomingMessage, this.context.botId()) === 'empty') return Promise.resolve('ignored');
    return this.#submitInOrder('edit', guildId, message.channel_id, message.id, () =>
      this.editedEvent(message, guildId),
    );
  }

  /** The event of an edit: keyed by the message and its edit time, as the live event and a catch-up both see it. */
  editedEvent(message: MessageUpdate, guildId: string): InboundEvent {
    const ref = messageRef(guildId, message.channel_id, message.id);
    const key = editKey(ref, message.edited_timestamp as string);
    return {
      kind: 'response.edited',
      platform: 'discord',
      key,
      orderingKey: threadOrder(threadRef(guildId, message.channel_id)),
      notice: null,
      payload: {
        messageRef: ref,
        body: withoutLeadingMention(message.content ?? '', this.context.botId()),
        idempotencyKey: key,
        at: instantOf(message.edited_timestamp, this.context.consultation.clock.now()),
      },
    };
  }

  deleted(guildId: string, channelId: string, id: string): Promise<string> {
    return this.#submitInOrder('delete', guildId, channelId, id, () => {
      const ref = messageRef(guildId, channelId, id);
      return {
        kind: 'response.deleted',
        platform: 'discord',
        key: deletionKey(ref),
        orderingKey: threadOrder(threadRef(guildId, channelId)),
        notice: null,
        payload: { messageRef: ref, at: this.context.consultation.clock.now() },
      };
    });
  }

  /**
   * Submits the event `build` makes, in the channel's order, if the channel is a question thread; resolves with
   * the submission's outcome once it is stored (or why nothing was submitted). Only the look-up is queued, never
   * the commit, so the events of a busy thread still share commits.
   */
  #submitInOrder(
    kind: 'create' | 'edit' | 'delete',
    guildId: string,
    channelId: string,
    messageId: string,
    build: () => InboundEvent | string,
  ): Promise<string> {
    let submission: Promise<string> = Promise.resolve('not_a_question_thread');
    const turn = this.queue.run(channelId, async () => {
      if (!(await this.#isQuestionThread(guildId, channelId))) return;
      let event: InboundEvent | string;
      try {
        event = build();
      } catch (error) {
        this.context.logger.error(
          { err: error, guild: guildId, channel: channelId, message: messageId },
          'could not read a Discord message event',
        );
        submission = Promise.resolve('failed');
        return;
      }
      if (typeof event === 'string') {
        submission = Promise.resolve(event);
        return;
      }
      submission = this.context.consultation.submit(event).catch((error: unknown) => {
        this.context.logger.error(
          { err: error, guild: guildId, channel: channelId, message: messageId, kind: event.kind },
          'could not store a Discord message event',
        );
        return 'failed';
      });
    });
    return turn
      .then(() => submission)
      .then((outcome) => {
        this.context.observe?.({ kind, messageId, outcome });
        return outcome;
      });
  }

  /** Whether the channel holds a question's replies; when that cannot be told (the store is away), it may. */
  async #isQuestionThread(guildId: string, channelId: string): Promise<boolean> {
    const ref = threadRef(guildId, channelId);
    if (this.#questionThreads.has(ref)) return true;
    try {
      const posting = await this.context.consultation.read.postingAt(ref);
      if (posting?.threadRef !== ref) return false;
    } catch (error) {
      this.context.logger.warn(
        { err: error, thread: ref },
        'could not tell whether a Discord channel is a question thread',
      );
      return true;
    }
    if (this.#questionThreads.size >= KNOWN_THREADS_MAX) this.#questionThreads.clear();
    this.#questionThreads.add(ref);
    return true;
  }
}
