import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

/** Real databases for tests: a fresh SQLite file, or a fresh schema on the local PostgreSQL server. */

export const POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export function sqliteDatabase(): TestDatabase {
  const dir = mkdtempSync(path.join(tmpdir(), 'agora-test-'));
  return {
    url: `file:${path.join(dir, 'agora.db')}`,
    async drop() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let reachable: Promise<string | null> | undefined;

/** Null when PostgreSQL answers; otherwise why not, so the suite can say why it skipped. */
export function postgresUnavailableReason(): Promise<string | null> {
  reachable ??= (async () => {
    const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return null;
    } catch (error) {
      return `PostgreSQL at ${POSTGRES_URL} did not answer (${(error as Error).message})`;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return reachable;
}

export async function postgresDatabase(): Promise<TestDatabase> {
  const schema = `agora_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const url = new URL(POSTGRES_URL);
  url.searchParams.set('schema', schema);
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    },
  };
}

/** The databases every store suite runs on; PostgreSQL is skipped, with the reason printed, where none answers. */
export async function databaseKinds(): Promise<
  { name: string; skip: string | null; create: () => Promise<TestDatabase> }[]
> {
  const pgReason = await postgresUnavailableReason();
  if (pgReason) console.warn(`[skipped] PostgreSQL half of the store suite: ${pgReason}`);
  return [
    { name: 'SQLite', skip: null, create: async () => sqliteDatabase() },
    { name: 'PostgreSQL', skip: pgReason, create: postgresDatabase },
  ];
}
