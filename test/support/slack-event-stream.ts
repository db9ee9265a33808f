import type { FakeSlack } from '../fakes/slack/index.ts';
import { postSignedEvent } from '../fakes/slack/index.ts';
import { eventCallback } from '../fakes/slack/payloads.ts';

type Workspace = FakeSlack['workspace'];

/** One thread reply as Slack delivers it, and how the app answered it (0: no answer, the connection failed). */
export interface StreamedReply {
  ts: string;
  messageRef: string;
  body: Record<string, unknown>;
  status: number;
}

/**
 * Signed thread replies (distinct messages, each with its own event_id) for one question's thread, sent to an
 * app's events URL a few at a time. `target()` is asked before each send, so a test can point the stream at a
 * restarted app, and `onAnswer` sees every answer as it comes (to kill the app mid-stream, say).
 */
export class ReplyStream {
  readonly replies: StreamedReply[] = [];

  constructor(
    private readonly workspace: Workspace,
    private readonly signingSecret: string,
    private readonly at: { team: string; channel: string; threadTs: string },
    private readonly users: string[],
  ) {}

  /** Builds `count` more replies (not sent yet). */
  prepare(count: number): StreamedReply[] {
    const made: StreamedReply[] = [];
    for (let i = 0; i < count; i++) {
      const n = this.replies.length;
      // After the thread's own message, one a second.
      const ts = `${Math.floor(Number(this.at.threadTs)) + 1 + n}.${String(n % 1_000_000).padStart(6, '0')}`;
      const event = {
        type: 'message',
        channel: this.at.channel,
        channel_type: 'channel',
        user: this.users[n % this.users.length],
        text: `Reply number ${n}`,
        ts,
        thread_ts: this.at.threadTs,
        event_ts: ts,
      };
      const reply: StreamedReply = {
        ts,
        messageRef: `slack:${this.at.team}:${this.at.channel}:${ts}`,
        body: eventCallback(this.workspace, event),
        status: -1,
      };
      this.replies.push(reply);
      made.push(reply);
    }
    return made;
  }

  /** Sends these replies, `concurrency` at a time; each keeps the status of its last answer. */
  async send(
    replies: StreamedReply[],
    target: () => string,
    options: { concurrency?: number; onAnswer?: (reply: StreamedReply) => void } = {},
  ): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < replies.length) {
        const reply = replies[next++] as StreamedReply;
        try {
          const answer = await postSignedEvent(target(), reply.body, { signingSecret: this.signingSecret });
          reply.status = answer.status;
        } catch {
          reply.status = 0;
        }
        options.onAnswer?.(reply);
      }
    };
    await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
  }

  acknowledged(): StreamedReply[] {
    return this.replies.filter((r) => r.status === 200);
  }

  unacknowledged(): StreamedReply[] {
    return this.replies.filter((r) => r.status !== 200);
  }
}
