import type { CoreDeps } from '../consultation/deps.ts';
import type { ResponsePosted } from '../consultation/events.ts';
import { replyTarget } from '../consultation/record-response.ts';
import type { InboxRecord } from '../ports/inbox.ts';
import type { Store } from '../ports/store.ts';
import { type Applied, applyNamedEvent, WaitingForEarlierEvent } from './apply-event.ts';
import { fromInboxEntry, type InboundEvent } from './inbound-event.ts';
import { withPersonName } from './person-names.ts';

/** What became of each event of a batch, by inbox id: applied, or still waiting for the message it changes. */
export type BatchResults = Map<number, Applied | WaitingForEarlierEvent>;

/** The claimed events grouped by what they touch, each group in commit order. */
export function byOrderingKey(records: InboxRecord[]): InboxRecord[][] {
  const groups = new Map<string, InboxRecord[]>();
  for (const record of records) {
    const group = groups.get(record.orderingKey);
    if (group) group.push(record);
    else groups.set(record.orderingKey, [record]);
  }
  return [...groups.values()];
}

/**
 * Applies a claimed batch in one store transaction, each group's events in commit order; an edit that came before
 * its message in the same batch is tried again once the rest of its group is applied. `finish` runs last in the same
 * transaction (the inbox's applied marks). Any other failure throws and rolls the whole batch back, for the caller
 * to apply its events one by one.
 */
export async function applyBatch(
  deps: CoreDeps,
  records: InboxRecord[],
  finish: (store: Store, results: BatchResults) => Promise<void> = async () => {},
): Promise<BatchResults> {
  // Authors are named before the transaction opens: naming may ask the platform (Slack's users.info), which should
  // not hold the store's write lock, and new people are then created with their names in the batch's one insert
  // instead of being renamed one by one.
  const events = new Map(
    await Promise.all(
      records.map(async (record) => [record.id, await withPersonName(deps, fromInboxEntry(record))] as const),
    ),
  );
  return deps.store.transaction(async (store) => {
    const batch = { ...deps, store };
    await preload(batch, [...events.values()]);
    const results: BatchResults = new Map();
    const attempt = async (record: InboxRecord) => {
      try {
        results.set(record.id, await applyNamedEvent(batch, events.get(record.id) as InboundEvent));
      } catch (error) {
        if (!(error instanceof WaitingForEarlierEvent)) throw error;
        results.set(record.id, error);
      }
    };
    for (const group of byOrderingKey(records)) {
      for (const record of group) await attempt(record);
      for (const record of group) if (results.get(record.id) instanceof WaitingForEarlierEvent) await attempt(record);
    }
    await finish(store, results);
    return results;
  });
}

/**
 * Reads up front, in a few round trips, what the batch's replies will each ask for: their authors (created when
 * new) and whether each has answered the question before. Posting and question lookups are cached.
 */
async function preload(deps: CoreDeps, events: InboundEvent[]): Promise<void> {
  const replies: { event: ResponsePosted; questionId: string }[] = [];
  for (const event of events) {
    if (event.kind !== 'response.posted') continue;
    const target = await replyTarget(deps, event.payload);
    if (!('status' in target)) replies.push({ event: event.payload, questionId: target.question.id });
  }
  const authors = await deps.store.participants.upsertMany(replies.map((reply) => reply.event.author));
  await deps.store.responses.respondedAmong(
    replies.map((reply, i) => ({ questionId: reply.questionId, participantId: authors[i]?.id as string })),
  );
}
