import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import type BetterSqlite3 from 'better-sqlite3';
import type { DatabaseTarget } from './database-url.ts';
import { PrismaClient as PostgresPrismaClient } from './generated/postgres/client.ts';
import { PrismaClient as SqlitePrismaClient } from './generated/sqlite/client.ts';

/** Both generated clients have the same models (a check keeps the schemas in step); code is written against one. */
export type AgoraPrismaClient = SqlitePrismaClient;

export async function createPrismaClient(target: DatabaseTarget): Promise<AgoraPrismaClient> {
  if (target.provider === 'sqlite') {
    const adapter = new PrismaBetterSQLite3({ url: target.file, timeout: 10_000 });
    const connect = adapter.connect.bind(adapter);
    adapter.connect = async () => beginImmediately(await connect());
    const client = new SqlitePrismaClient({ adapter });
    // WAL is set once by the migrator and persists; NORMAL sync is durable in WAL mode except on power loss.
    await client.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
    await client.$executeRawUnsafe('PRAGMA foreign_keys = ON');
    return client;
  }
  const adapter = new PrismaPg({ connectionString: target.connectionString, max: 10 }, { schema: target.schema });
  return new PostgresPrismaClient({ adapter }) as unknown as AgoraPrismaClient;
}

/**
 * The store's SQLite connection begins each transaction holding the write lock (`BEGIN IMMEDIATE`, where the adapter
 * sends `BEGIN`). The inbox appends on a connection of its own (see SqliteInboxAppender): a deferred transaction
 * that had read before such an append committed could not write at all (SQLITE_BUSY_SNAPSHOT, which no waiting
 * cures); one that takes the lock first only waits, briefly, for an append to finish.
 */
function beginImmediately<T>(adapter: T): T {
  const db = (adapter as unknown as { client: BetterSqlite3.Database }).client;
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => prepare(sql === 'BEGIN' ? 'BEGIN IMMEDIATE' : sql)) as typeof db.prepare;
  return adapter;
}
