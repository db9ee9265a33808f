import type { ResponsePostedEvent } from '../../src/core/inbound/inbound-event.ts';
import { threadOrder } from '../../src/core/inbound/inbound-event.ts';
import type { Recipient } from '../../src/core/ports/chat-platform.ts';
import type { PlatformIdentity } from '../../src/core/types.ts';

/**
 * A reply in a Slack question thread as the Slack adapter hands it to the pipeline: keyed, like the adapter, by the
 * message itself (`slack:T1:C_STAFF:<ts>`), so the same `ts` is the same event.
 */
export function slackThreadReply(reply: {
  thread: string;
  ts: string;
  author: PlatformIdentity;
  body: string;
  at: Date;
  notice?: Recipient | null;
}): ResponsePostedEvent {
  const ref = `slack:T1:C_STAFF:${reply.ts}`;
  return {
    kind: 'response.posted',
    platform: 'slack',
    key: ref,
    orderingKey: threadOrder(reply.thread),
    notice: reply.notice ?? null,
    payload: {
      platform: 'slack',
      containerRef: reply.thread,
      messageRef: ref,
      author: reply.author,
      body: reply.body,
      replyToRef: null,
      attachments: [],
      idempotencyKey: ref,
      at: reply.at,
    },
  };
}
