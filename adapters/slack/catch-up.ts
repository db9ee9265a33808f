import { ingestReply, isHumanReply } from './message-ingest.ts';
import { parseMessageRef } from './refs.ts';
import type { SlackContext, SlackMessage } from './slack-context.ts';

export interface CatchUpSummary {
  postings: number;
  calls: number;
  recorded: number;
  failed: number;
}

interface RepliesPage {
  messages?: SlackMessage[];
  has_more?: boolean;
  response_metadata?: { next_cursor?: string };
}

/**
 * Records the replies Agora missed while it was down or its socket was cut: for each open question's Slack posting,
 * the thread's replies newer than the newest one stored (`conversations.replies` with `oldest`), one page of up to
 * 200 unless there are more. Each is recorded through the same path as a live event, with the same key, so a
 * message that also arrives live is counted once. Edits and deletions made while Agora was away are not replayed.
 */
export async function catchUp(ctx: SlackContext, maxPages: number, marks?: Watermarks): Promise<CatchUpSummary> {
  const { store } = ctx.deps;
  const summary: CatchUpSummary = { postings: 0, calls: 0, recorded: 0, failed: 0 };
  for (const question of await store.questions.listByStatus('open')) {
    for (const posting of await store.postings.listByQuestion(question.id)) {
      const thread = parseMessageRef(posting.threadRef ?? posting.messageRef);
      if (!thread) continue;
      summary.postings++;
      try {
        const latest = marks?.has(posting.id)
          ? marks.get(posting.id)
          : parseMessageRef(await store.responses.latestMessageRef(posting.id))?.ts;
        let cursor: string | undefined;
        let pages = 0;
        do {
          const page = await ctx.api.call<RepliesPage>(thread.team, 'conversations.replies', {
            channel: thread.channel,
            ts: thread.ts,
            oldest: latest ?? thread.ts,
            limit: 200,
            ...(cursor ? { cursor } : {}),
          });
          summary.calls++;
          pages++;
          for (const message of page.messages ?? []) {
            if (!isHumanReply(message)) continue;
            const outcome = await ingestReply(ctx, thread.team, thread.channel, message);
            if (outcome?.status === 'recorded') summary.recorded++;
          }
          cursor = page.has_more ? page.response_metadata?.next_cursor || undefined : undefined;
        } while (cursor && pages < maxPages);
      } catch (error) {
        summary.failed++;
        ctx.logger.warn(
          { err: error, question: question.key, messageRef: posting.messageRef },
          'could not catch up on a Slack thread; it will be tried again at the next start or reconnect',
        );
      }
    }
  }
  return summary;
}

/**
 * The newest stored reply of each open Slack posting, taken when Agora stops listening (a dropped socket, a start).
 * Catch-up reads from there: once connected again, Slack also delivers what it queued, and a queued reply newer
 * than the missed ones must not move the starting point past them.
 */
export type Watermarks = Map<string, string | undefined>;

export async function takeWatermarks(ctx: SlackContext): Promise<Watermarks> {
  const { store } = ctx.deps;
  const marks: Watermarks = new Map();
  for (const question of await store.questions.listByStatus('open')) {
    for (const posting of await store.postings.listByQuestion(question.id)) {
      if (!parseMessageRef(posting.messageRef)) continue;
      marks.set(posting.id, parseMessageRef(await store.responses.latestMessageRef(posting.id))?.ts);
    }
  }
  return marks;
}

/** Keeps the earlier mark of each posting when the connection drops again before catch-up has run. */
export function mergeWatermarks(earlier: Watermarks | undefined, later: Watermarks): Watermarks {
  if (!earlier) return later;
  const merged: Watermarks = new Map(later);
  for (const [posting, ts] of earlier) merged.set(posting, ts);
  return merged;
}

/** Runs catch-up one at a time: a request while one runs makes it run once more afterwards, not twice in parallel. */
export class CatchUpRunner {
  #running: Promise<void> | null = null;
  #again = false;

  constructor(private readonly run: () => Promise<void>) {}

  request(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = (async () => {
      try {
        do {
          this.#again = false;
          await this.run();
        } while (this.#again);
      } finally {
        this.#running = null;
      }
    })();
    return this.#running;
  }
}
