import { messageRef, parseMessageRef, tsToDate } from '../refs.ts';
import type { SlackContext, SlackMessage } from '../slack-context.ts';
import { deletionEvent, editEvent, isHumanReply, replyEvent } from './message-ingest.ts';
import { submitKept } from './submit.ts';

export interface CatchUpSummary {
  postings: number;
  calls: number;
  /** Replies handed to the inbox that it did not have yet. */
  recorded: number;
  edits: number;
  deletions: number;
  failed: number;
}

interface RepliesPage {
  messages?: SlackMessage[];
  has_more?: boolean;
  response_metadata?: { next_cursor?: string };
}

/** Log a line every this many pages of one thread, so a long catch-up shows it is moving. */
const PROGRESS_EVERY = 10;

/**
 * Hands the inbox whatever Agora missed while it was down or its socket was cut: for each open question's Slack
 * posting, the whole thread is read again (`conversations.replies`, every page), and
 * - each reply goes to the inbox with the key its live event has, so one already there is dropped as a duplicate;
 * - a reply edited after the stored text goes as the edit its live event would have been;
 * - a stored reply no longer in the thread goes as its deletion.
 * Live events keep arriving meanwhile: both go through the same inbox, so neither is lost or counted twice.
 */
export async function catchUp(ctx: SlackContext): Promise<CatchUpSummary> {
  const { read } = ctx.consultation;
  const summary: CatchUpSummary = { postings: 0, calls: 0, recorded: 0, edits: 0, deletions: 0, failed: 0 };
  for (const question of await read.openQuestions()) {
    for (const posting of await read.postingsOf(question.id)) {
      const thread = parseMessageRef(posting.threadRef ?? posting.messageRef);
      if (!thread) continue;
      summary.postings++;
      try {
        await catchUpThread(ctx, thread, question.id, posting.id, summary);
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

async function catchUpThread(
  ctx: SlackContext,
  thread: { team: string; channel: string; ts: string },
  questionId: string,
  postingId: string,
  summary: CatchUpSummary,
): Promise<void> {
  const { team, channel } = thread;
  // Read before the thread: a reply stored after this is not looked at for deletion, so none is taken for deleted.
  const stored = new Map(
    (await ctx.consultation.read.responsesTo(questionId))
      .filter((r) => r.postingId === postingId && r.messageRef && !r.private)
      .map((r) => [r.messageRef as string, r]),
  );
  const seen = new Set<string>();
  let newest = thread.ts;
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await ctx.api.call<RepliesPage>(team, 'conversations.replies', {
      channel,
      ts: thread.ts,
      limit: 200,
      ...(cursor ? { cursor } : {}),
    });
    summary.calls++;
    pages++;
    for (const message of page.messages ?? []) {
      if (!isHumanReply(message)) continue;
      const ref = messageRef(team, channel, message.ts);
      seen.add(ref);
      if (Number(message.ts) > Number(newest)) newest = message.ts;
      const reply = await replyEvent(ctx, team, channel, message);
      if (!reply) return;
      if ((await submitKept(ctx, reply)) === 'stored') summary.recorded++;
      const editedTs = message.edited?.ts;
      const known = stored.get(ref);
      if (editedTs && (!known?.editedAt || known.editedAt.getTime() < tsToDate(editedTs).getTime())) {
        if ((await submitKept(ctx, editEvent(team, channel, message, editedTs))) === 'stored') summary.edits++;
      }
    }
    cursor = page.has_more ? page.response_metadata?.next_cursor || undefined : undefined;
    if (cursor && pages % PROGRESS_EVERY === 0)
      ctx.logger.info({ channel, thread: thread.ts, pages }, 'Slack catch-up: still reading a long thread');
  } while (cursor);
  // Stored replies older than the newest one read that the thread no longer has were deleted while Agora was away.
  for (const [ref, response] of stored) {
    const at = parseMessageRef(ref);
    if (!at || seen.has(ref) || response.deletedAt || Number(at.ts) > Number(newest)) continue;
    const deletion = deletionEvent(team, channel, at.ts, thread.ts, ctx.consultation.clock.now());
    if ((await submitKept(ctx, deletion)) === 'stored') summary.deletions++;
  }
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
