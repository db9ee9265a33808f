import type {
  PrivateAnswerSubmitted,
  ResponseDeleted,
  ResponseEdited,
  ResponsePosted,
  VoteCast,
} from '../consultation/events.ts';
import { AgoraError } from '../errors.ts';
import type { Recipient } from '../ports/chat-platform.ts';
import type { InboxEntry } from '../ports/inbox.ts';
import type { StatementSubmitted } from '../statements/add-statement.ts';
import type { StatementProposed } from '../statements/propose-statement.ts';
import type { StatementReviewed } from '../statements/review-statement.ts';
import type { Platform, PlatformIdentity } from '../types.ts';

/**
 * What the adapters hand the pipeline: one of these per thing a person did on a platform. Each carries
 * - `key`: the platform-scoped idempotency key (the same message, click or submission always has the same key, so a
 *   redelivery, a retry and a catch-up of it are one event);
 * - `orderingKey`: what it touches (a question, or a thread); events with one ordering key apply in arrival order;
 * - `notice`: where the person can be told what became of it (a confirmation, a refusal), when anywhere.
 */
interface Envelope<Kind extends string, Payload> {
  kind: Kind;
  platform: Platform;
  key: string;
  orderingKey: string;
  notice: Recipient | null;
  payload: Payload;
}

export type ResponsePostedEvent = Envelope<'response.posted', ResponsePosted>;
export type ResponseEditedEvent = Envelope<'response.edited', ResponseEdited>;
export type ResponseDeletedEvent = Envelope<'response.deleted', ResponseDeleted>;
export type PrivateAnswerEvent = Envelope<'answer.private', PrivateAnswerSubmitted>;
export type VoteCastEvent = Envelope<'vote.cast', VoteCast>;
export type StatementAddedEvent = Envelope<'statement.added', StatementSubmitted>;
export type StatementReviewedEvent = Envelope<'statement.reviewed', StatementReviewed>;
export type StatementProposedEvent = Envelope<'statement.proposed', StatementProposed>;

export type InboundEvent =
  | ResponsePostedEvent
  | ResponseEditedEvent
  | ResponseDeletedEvent
  | PrivateAnswerEvent
  | VoteCastEvent
  | StatementAddedEvent
  | StatementReviewedEvent
  | StatementProposedEvent;

export type InboundKind = InboundEvent['kind'];

export const INBOUND_KINDS: readonly InboundKind[] = [
  'response.posted',
  'response.edited',
  'response.deleted',
  'answer.private',
  'vote.cast',
  'statement.added',
  'statement.reviewed',
  'statement.proposed',
];

/** The ordering key of everything said in one thread (replies, their edits and deletions). */
export const threadOrder = (containerRef: string): string => `thread:${containerRef}`;
/** The ordering key of everything done to one question (votes, private answers, statements). */
export const questionOrder = (questionId: string): string => `question:${questionId}`;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** The inbox actor of a person (see `InboxEntry.actor`). */
export const personActor = (platform: Platform, platformUserId: string): string => `${platform}:${platformUserId}`;
/** The inbox actor of an edit or deletion of the reply with this message ref. */
export const messageActor = (messageRef: string): string => `message:${messageRef}`;

/** Whom the event carries; null when it names no one (a malformed event is kept all the same, to be parked). */
function actorOf(event: InboundEvent): string | null {
  const person = (who: PlatformIdentity | null | undefined) =>
    who?.platform && who.platformUserId ? personActor(who.platform, who.platformUserId) : null;
  switch (event.kind) {
    case 'response.edited':
    case 'response.deleted':
      return event.payload?.messageRef ? messageActor(event.payload.messageRef) : null;
    case 'statement.reviewed':
      return person(event.payload?.reviewer);
    // The words are the reply's: erasing its author drops the proposal too, whoever made it.
    case 'statement.proposed':
      return event.payload?.replyRef ? messageActor(event.payload.replyRef) : null;
    default:
      return person(event.payload?.author);
  }
}

/** The inbox row of an event. Dates survive the JSON round trip (see `fromInboxEntry`). */
export function toInboxEntry(event: InboundEvent, receivedAt: Date): InboxEntry {
  const { kind, key, orderingKey } = event;
  return { key, orderingKey, kind, payload: JSON.stringify(event), receivedAt, actor: actorOf(event) };
}

export function fromInboxEntry(entry: Pick<InboxEntry, 'kind' | 'payload'>): InboundEvent {
  // Only the events' own instants (`at`) are dates; text that looks like a date stays text.
  const event = JSON.parse(entry.payload, (key, value) =>
    key === 'at' && typeof value === 'string' && ISO_DATE.test(value) ? new Date(value) : value,
  ) as InboundEvent;
  if (!INBOUND_KINDS.includes(event.kind) || event.kind !== entry.kind)
    throw new AgoraError('INBOX_ENTRY_INVALID', `inbox entry of unknown kind "${entry.kind}"`, { kind: entry.kind });
  return event;
}
