import type { APIMessage, Client } from 'discord.js';
import type { Consultation, StoredReply } from '../../../src/core/consultation/consultation.ts';
import { AgoraError } from '../../../src/core/errors.ts';
import type { Logger } from '../../../src/core/ports/logger.ts';
import type { PostingRecord } from '../../../src/core/records.ts';
import { isNewer, parseMessageRef, parseThreadRef } from '../refs.ts';
import type { DiscordRest } from '../transport/discord-rest.ts';
import type { MessageIngest } from './message-ingest.ts';
import { isPersonMessage } from './message-translation.ts';

const PAGE = 100;
/** A thread's progress is logged every this many pages. */
const LOG_EVERY_PAGES = 20;

interface ThreadCatchUp {
  messages: number;
  submitted: number;
  edits: number;
  deletions: number;
}

/**
 * After a start or a resumed (or new) gateway session: for each open question's Discord posting in a guild this
 * process's shards serve, the whole thread is read again, oldest first, to its end (there is no page limit that
 * could stop it early), and handed to the inbound pipeline exactly as the live events would have been, with the
 * same keys: messages not stored yet, edits newer than the stored revision, and deletions of stored replies that
 * are no longer there. What the live events also delivered is one event in the inbox, so catch-up runs alongside
 * new events and loses neither. Guilds of other shards are left to the process that serves them.
 */
export class CatchUp {
  #running: Promise<void> | undefined;
  #again: string | undefined;

  constructor(
    private readonly consultation: Consultation,
    private readonly rest: DiscordRest,
    private readonly ingest: MessageIngest,
    private readonly client: () => Client | undefined,
    private readonly logger: Logger,
  ) {}

  /** Runs a catch-up; one asked for while one runs is run once more after it. */
  run(reason: string): Promise<void> {
    if (this.#running) {
      this.#again = reason;
      return this.#running;
    }
    this.#running = (async () => {
      let why: string | undefined = reason;
      while (why !== undefined) {
        this.#again = undefined;
        await this.#catchUp(why);
        why = this.#again;
      }
    })().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #catchUp(reason: string): Promise<void> {
    const totals: ThreadCatchUp & { threads: number; failed: number } = {
      threads: 0,
      failed: 0,
      messages: 0,
      submitted: 0,
      edits: 0,
      deletions: 0,
    };
    let postings: PostingRecord[];
    try {
      postings = await this.consultation.read.openPostings('discord');
    } catch (error) {
      this.logger.error({ err: error, reason }, 'could not list the Discord threads to catch up on');
      return;
    }
    for (const posting of postings) {
      const thread = parseThreadRef(posting.threadRef);
      if (!thread || !this.client()?.guilds.cache.has(thread.guildId)) continue;
      totals.threads++;
      try {
        const done = await this.#thread(posting.threadRef as string, thread.guildId, thread.threadId, reason);
        totals.messages += done.messages;
        totals.submitted += done.submitted;
        totals.edits += done.edits;
        totals.deletions += done.deletions;
      } catch (error) {
        totals.failed++;
        this.logger.warn(
          { err: error, reason, guild: thread.guildId, thread: thread.threadId },
          'could not catch up on a Discord thread; the next catch-up tries again',
        );
      }
    }
    this.logger.info({ reason, ...totals }, 'caught up on Discord threads');
  }

  /**
   * One thread, read whole. What is stored is read before the history, so that a reply stored while the pages are
   * read is never taken for a deleted one: only replies stored before reading began, and missing from every page,
   * are deletions.
   */
  async #thread(ref: string, guildId: string, threadId: string, reason: string): Promise<ThreadCatchUp> {
    const stored = new Map<string, StoredReply>();
    for (const reply of await this.consultation.read.threadReplies(ref)) {
      const id = parseMessageRef(reply.messageRef)?.messageId;
      if (id) stored.set(id, reply);
    }
    const seen = new Set<string>();
    const done: ThreadCatchUp = { messages: 0, submitted: 0, edits: 0, deletions: 0 };
    const submissions: Promise<string>[] = [];
    let after = '0';
    for (let page = 1; ; page++) {
      const messages = await this.rest.messagesAfter(threadId, after, PAGE);
      for (const message of messages) {
        seen.add(message.id);
        done.messages++;
        submissions.push(...this.#message(message, guildId, stored.get(message.id), done));
      }
      const last = messages.at(-1);
      if (page % LOG_EVERY_PAGES === 0)
        this.logger.info(
          { reason, guild: guildId, thread: threadId, pages: page, ...done },
          'catching up on a Discord thread',
        );
      if (!last || messages.length < PAGE) break;
      if (!isNewer(last.id, after)) break;
      after = last.id;
    }
    for (const [id, reply] of stored) {
      if (seen.has(id) || reply.deletedAt) continue;
      const at = parseMessageRef(reply.messageRef);
      if (!at) continue;
      submissions.push(this.ingest.deleted(at.guildId, at.channelId, at.messageId));
      done.deletions++;
    }
    const outcomes = await Promise.all(submissions);
    const failed = outcomes.filter((outcome) => outcome === 'failed').length;
    if (failed > 0) {
      throw new AgoraError(
        'STORE_UNAVAILABLE',
        `${failed} of the thread's events could not be stored; the next catch-up tries again`,
        {
          failed,
        },
      );
    }
    return done;
  }

  /** What a message in the history adds: itself when not stored, its latest edit when newer than the stored one. */
  #message(
    message: APIMessage,
    guildId: string,
    stored: StoredReply | undefined,
    done: ThreadCatchUp,
  ): Promise<string>[] {
    if (!isPersonMessage(message)) return [];
    const submitted: Promise<string>[] = [];
    if (!stored) {
      submitted.push(this.ingest.created(message, guildId));
      done.submitted++;
    }
    const edited = message.edited_timestamp ? new Date(message.edited_timestamp) : null;
    if (edited && !(stored?.editedAt && stored.editedAt >= edited)) {
      submitted.push(this.ingest.edited(message, guildId));
      done.edits++;
    }
    return submitted;
  }
}
