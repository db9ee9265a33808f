import { flagArg, numberArg, stringArg } from './method-types.ts';
import type { Args } from './request-body.ts';
import { compareTs, isTs } from './timestamps.ts';

interface Timestamped {
  ts: string;
}

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** Keeps the messages between `oldest` and `latest`, ends excluded unless `inclusive` is set. */
export function withinTimeWindow<T extends Timestamped>(messages: T[], args: Args): T[] {
  const oldest = stringArg(args, 'oldest');
  const latest = stringArg(args, 'latest');
  const inclusive = flagArg(args, 'inclusive');
  return messages.filter((message) => {
    if (isTs(oldest)) {
      const order = compareTs(message.ts, oldest);
      if (order < 0 || (order === 0 && !inclusive)) return false;
    }
    if (isTs(latest)) {
      const order = compareTs(message.ts, latest);
      if (order > 0 || (order === 0 && !inclusive)) return false;
    }
    return true;
  });
}

// Cursors name the first message of the next page, base64-encoded the way Slack's own look ("next_ts:...").
function encodeCursor(ts: string): string {
  return Buffer.from(`next_ts:${ts}`).toString('base64');
}

function decodeCursor(cursor: string): string | undefined {
  const decoded = Buffer.from(cursor, 'base64').toString('utf8');
  const ts = decoded.startsWith('next_ts:') ? decoded.slice('next_ts:'.length) : undefined;
  return isTs(ts) ? ts : undefined;
}

/**
 * One page of messages already in answer order (`newestFirst` for history, oldest first for replies), or
 * undefined for a cursor that is not one of ours.
 */
export function pageOf<T extends Timestamped>(
  messages: T[],
  args: Args,
  limits: { fallback: number; max: number; newestFirst: boolean },
): Page<T> | undefined {
  const limit = Math.min(Math.max(numberArg(args, 'limit') ?? limits.fallback, 1), limits.max);
  const cursor = stringArg(args, 'cursor');
  let start = 0;
  if (cursor !== undefined) {
    const from = decodeCursor(cursor);
    if (from === undefined) return undefined;
    const reached = (message: T) =>
      limits.newestFirst ? compareTs(message.ts, from) <= 0 : compareTs(message.ts, from) >= 0;
    start = messages.findIndex(reached);
    if (start < 0) start = messages.length;
  }
  const items = messages.slice(start, start + limit);
  const next = messages[start + limit];
  return { items, nextCursor: next && encodeCursor(next.ts) };
}

export function pageFields<T>(page: Page<T>): Record<string, unknown> {
  return {
    has_more: page.nextCursor !== undefined,
    ...(page.nextCursor === undefined ? {} : { response_metadata: { next_cursor: page.nextCursor } }),
  };
}

/**
 * One page of items named by id (people), cursors naming the first id of the next page as Slack's do
 * (base64 of `user:U…`); undefined for a cursor that is not one of ours. Without `limit`, `max` a page.
 */
export function pageByIdOf<T extends { id: string }>(
  items: T[],
  args: Args,
  options: { prefix: string; max: number },
): Page<T> | undefined {
  const limit = Math.min(Math.max(numberArg(args, 'limit') || options.max, 1), options.max);
  const cursor = stringArg(args, 'cursor');
  let start = 0;
  if (cursor !== undefined) {
    const decoded = Buffer.from(cursor, 'base64').toString('utf8');
    if (!decoded.startsWith(`${options.prefix}:`)) return undefined;
    const id = decoded.slice(options.prefix.length + 1);
    start = items.findIndex((item) => item.id === id);
    if (start < 0) return undefined;
  }
  const next = items[start + limit];
  return {
    items: items.slice(start, start + limit),
    nextCursor: next && Buffer.from(`${options.prefix}:${next.id}`).toString('base64'),
  };
}
