import type { InboxCounts, InboxRecord, InboxRepository } from '../ports/inbox.ts';

/** A parked event as organisers see it: what it was and why it failed, never the words a person wrote. */
export interface ParkedEvent {
  id: number;
  kind: string;
  key: string;
  attempts: number;
  receivedAt: Date;
  error: string;
}

/** How the inbox stands: events by status, and the parked ones (oldest first) that wait to be retried. */
export interface InboundHealth extends InboxCounts {
  parkedEvents: ParkedEvent[];
}

export function describeParked(record: InboxRecord): ParkedEvent {
  return {
    id: record.id,
    kind: record.kind,
    key: record.key,
    attempts: record.attempts,
    receivedAt: record.receivedAt,
    error: record.lastError ?? 'no error was recorded',
  };
}

export async function inboundHealth(inbox: InboxRepository, limit = 20): Promise<InboundHealth> {
  const [counts, parked] = await Promise.all([inbox.counts(), inbox.list('parked', limit)]);
  return { ...counts, parkedEvents: parked.map(describeParked) };
}
