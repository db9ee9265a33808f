import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import type { DatabaseTarget } from './database-url.ts';
import { PrismaClient as PostgresPrismaClient } from './generated/postgres/client.ts';
import { PrismaClient as SqlitePrismaClient } from './generated/sqlite/client.ts';

/** Both generated clients have the same models (a check keeps the schemas in step); code is written against one. */
export type AgoraPrismaClient = SqlitePrismaClient;

export async function createPrismaClient(target: DatabaseTarget): Promise<AgoraPrismaClient> {
  if (target.provider === 'sqlite') {
    const client = new SqlitePrismaClient({ adapter: new PrismaBetterSQLite3({ url: target.file, timeout: 10_000 }) });
    // WAL is set once by the migrator and persists; NORMAL sync is durable in WAL mode except on power loss.
    await client.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
    await client.$executeRawUnsafe('PRAGMA foreign_keys = ON');
    return client;
  }
  const adapter = new PrismaPg({ connectionString: target.connectionString, max: 10 }, { schema: target.schema });
  return new PostgresPrismaClient({ adapter }) as unknown as AgoraPrismaClient;
}
