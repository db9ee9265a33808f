import type { Activity } from '@microsoft/agents-activity';
import type { Consultation } from '../../src/core/consultation/consultation.ts';
import { type InboundEvent, threadOrder } from '../../src/core/inbound/inbound-event.ts';
import { channelPlace, personOf, quotedMessageId, tenantOf, wordsOf } from './activity-reading.ts';
import { teamsRef } from './refs.ts';

/** Question posts seen so far (a post that holds a question's replies always will); bounded. */
const KNOWN_THREADS_MAX = 20_000;

const instant = (timestamp: Date | string | undefined, fallback: Date) => {
  const at = timestamp ? new Date(timestamp) : fallback;
  return Number.isNaN(at.getTime()) ? fallback : at;
};

/**
 * Replies in question threads, and their edits and deletions, as inbound events. Each is keyed by what Teams says
 * of it (the reply's id, its edit time), so a redelivery is the same event; only replies under a question's post
 * are taken, everything else said in a channel is left alone.
 */
export class ThreadMessages {
  readonly #questionThreads = new Set<string>();

  constructor(private readonly consultation: Consultation) {}

  /** The event of an activity in a channel thread, or null when it is not a person's words under a question. */
  async eventOf(activity: Activity): Promise<InboundEvent | null> {
    const place = channelPlace(activity);
    if (!place?.rootId || !activity.id || activity.from?.role === 'bot') return null;
    const tenantId = tenantOf(activity);
    const thread = teamsRef({ tenantId, channelId: place.channelId, messageId: place.rootId });
    if (!(await this.#isQuestionThread(thread))) return null;
    const ref = teamsRef({ tenantId, channelId: place.channelId, messageId: activity.id });
    const now = this.consultation.clock.now();
    const base = { platform: 'teams' as const, orderingKey: threadOrder(thread) };
    const eventType = (activity.channelData as { eventType?: string } | undefined)?.eventType;
    if (activity.type === 'messageUpdate' && eventType === 'editMessage') {
      const editedAt = instant(activity.timestamp, now);
      const key = `${ref}:edited:${editedAt.toISOString()}`;
      return {
        ...base,
        kind: 'response.edited',
        key,
        notice: null,
        payload: { messageRef: ref, body: wordsOf(activity), idempotencyKey: key, at: editedAt },
      };
    }
    if (activity.type === 'messageDelete' && eventType === 'softDeleteMessage') {
      return {
        ...base,
        kind: 'response.deleted',
        key: `${ref}:deleted`,
        notice: null,
        payload: { messageRef: ref, at: instant(activity.timestamp, now) },
      };
    }
    if (activity.type !== 'message' || activity.value !== undefined) return null;
    const quoted = quotedMessageId(activity);
    return {
      ...base,
      kind: 'response.posted',
      key: ref,
      notice: {
        platformUserId: personOf(activity).platformUserId,
        workspaceId: tenantId,
        channel: { platform: 'teams', workspaceId: tenantId, channelId: place.channelId },
      },
      payload: {
        platform: 'teams',
        containerRef: thread,
        messageRef: ref,
        author: personOf(activity),
        body: wordsOf(activity),
        replyToRef: quoted ? teamsRef({ tenantId, channelId: place.channelId, messageId: quoted }) : null,
        attachments: (activity.attachments ?? [])
          .filter((a) => a.contentType !== 'text/html' && typeof a.contentUrl === 'string')
          .map((a) => ({ name: a.name ?? 'attachment', url: a.contentUrl as string })),
        idempotencyKey: ref,
        at: instant(activity.timestamp, now),
      },
    };
  }

  async #isQuestionThread(ref: string): Promise<boolean> {
    if (this.#questionThreads.has(ref)) return true;
    const posting = await this.consultation.read.postingAt(ref);
    if (posting?.threadRef !== ref) return false;
    if (this.#questionThreads.size >= KNOWN_THREADS_MAX) this.#questionThreads.clear();
    this.#questionThreads.add(ref);
    return true;
  }
}
