import type { Client } from 'discord.js';
import type { CoreDeps } from '../../src/core/consultation/deps.ts';
import type { Logger } from '../../src/core/ports/logger.ts';
import type { DiscordRest } from './discord-rest.ts';
import type { MessageIngest } from './message-ingest.ts';
import { parseMessageRef, parseThreadRef } from './refs.ts';

const PAGE = 100;
/** A thread with more missed messages than this is caught up on the next start or resume. */
const MAX_PAGES_PER_THREAD = 50;

/**
 * After a restart or a resumed session: for each open question's Discord posting in a guild this process's shards
 * serve, fetch the thread's messages after the newest one stored and record them (once: each message's reference
 * is its idempotency key). Guilds of other shards are left to the process that serves them.
 */
export class CatchUp {
  #running: Promise<void> | undefined;
  #again = false;

  constructor(
    private readonly deps: CoreDeps,
    private readonly rest: DiscordRest,
    private readonly ingest: MessageIngest,
    private readonly client: () => Client | undefined,
    private readonly logger: Logger,
  ) {}

  /** Runs a catch-up; one asked for while one runs is run once more after it. */
  run(reason: string): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = (async () => {
      do {
        this.#again = false;
        await this.#catchUp(reason);
      } while (this.#again);
    })().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #catchUp(reason: string): Promise<void> {
    const { store } = this.deps;
    let threads = 0;
    let recorded = 0;
    try {
      for (const question of await store.questions.listByStatus('open')) {
        for (const posting of await store.postings.listByQuestion(question.id)) {
          const thread = parseThreadRef(posting.threadRef);
          if (!thread || !posting.threadRef?.startsWith('discord:')) continue;
          if (!this.client()?.guilds.cache.has(thread.guildId)) continue;
          threads++;
          recorded += await this.#thread(posting.id, thread.guildId, thread.threadId);
        }
      }
      this.logger.info({ reason, threads, messages: recorded }, 'caught up on Discord threads');
    } catch (error) {
      this.logger.error({ err: error, reason }, 'catching up on Discord threads failed');
    }
  }

  /** Messages after the newest one stored (or after the question itself), oldest first, page by page. */
  async #thread(postingId: string, guildId: string, threadId: string): Promise<number> {
    const latest = parseMessageRef(await this.deps.store.responses.latestMessageRef(postingId));
    let after = latest?.messageId ?? threadId;
    let seen = 0;
    try {
      for (let page = 0; page < MAX_PAGES_PER_THREAD; page++) {
        const messages = await this.rest.messagesAfter(threadId, after, PAGE);
        for (const message of messages) {
          await this.ingest.queue.run(threadId, () => this.ingest.created(message, guildId));
          seen++;
        }
        const last = messages.at(-1);
        if (!last || messages.length < PAGE) break;
        after = last.id;
      }
    } catch (error) {
      this.logger.warn({ err: error, guild: guildId, thread: threadId }, 'could not catch up on a Discord thread');
    }
    return seen;
  }
}
