import { PrismaPg } from '@prisma/adapter-pg';
import type { DatabaseTarget } from './database-url.ts';
import { PrismaClient as PostgresPrismaClient } from './generated/postgres/client.ts';
import { PrismaClient as SqlitePrismaClient } from './generated/sqlite/client.ts';
import { SqliteConnection } from './sqlite-connection.ts';

/** Both generated clients have the same models (a check keeps the schemas in step); code is written against one. */
export type AgoraPrismaClient = SqlitePrismaClient;

/** The client, and on SQLite its connection, which the inbound path's statements are also sent to directly. */
export async function createPrismaClient(
  target: DatabaseTarget,
): Promise<{ client: AgoraPrismaClient; sqlite: SqliteConnection | null }> {
  if (target.provider === 'sqlite') {
    const sqlite = new SqliteConnection();
    const client = new SqlitePrismaClient({ adapter: sqlite.adapterFactory({ url: target.file, timeout: 10_000 }) });
    // WAL is set once by the migrator and persists; NORMAL sync is durable in WAL mode except on power loss.
    await client.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
    await client.$executeRawUnsafe('PRAGMA foreign_keys = ON');
    return { client, sqlite };
  }
  const adapter = new PrismaPg({ connectionString: target.connectionString, max: 10 }, { schema: target.schema });
  return { client: new PostgresPrismaClient({ adapter }) as unknown as AgoraPrismaClient, sqlite: null };
}
