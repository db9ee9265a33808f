import type { AgoraPrismaClient } from './prisma-client.ts';

export type Tx = Parameters<Parameters<AgoraPrismaClient['$transaction']>[0]>[0];

/**
 * Runs `work` in a transaction of its own, or in the one `db` already is: a store's transactional view is built
 * over a transaction client, which has no `$transaction`, and its writes commit with the rest of its transaction.
 */
export function withinTransaction<T>(db: AgoraPrismaClient, work: (tx: Tx) => Promise<T>): Promise<T> {
  return typeof db.$transaction === 'function' ? db.$transaction(work) : work(db as Tx);
}
