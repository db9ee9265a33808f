import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AgoraPrismaClient, createPrismaClient } from '../../adapters/prisma/prisma-client.ts';
import { openStore, type PrismaStore } from '../../adapters/prisma/prisma-store.ts';
import { RawSql } from '../../adapters/prisma/raw-sql.ts';
import { sqliteDatabase, type TestDatabase } from '../support/databases.ts';

/** Statements sent straight to SQLite's connection read and write as the same statements sent through Prisma. */
describe('statements sent straight to the SQLite connection', () => {
  let database: TestDatabase;
  let store: PrismaStore;
  let prisma: RawSql;
  let direct: RawSql;
  let client: AgoraPrismaClient;

  beforeEach(async () => {
    database = sqliteDatabase();
    store = await openStore(database.url);
    const opened = await createPrismaClient(store.target);
    client = opened.client;
    prisma = new RawSql(client, store.target);
    direct = new RawSql(client, store.target, opened.sqlite);
  });
  afterEach(async () => {
    await client.$disconnect();
    await store.close();
    await database.drop();
  });

  it('return rows as Prisma raw queries do: dates, booleans, integers and nulls', async () => {
    const receivedAt = new Date('2026-12-03T10:00:00.123Z');
    await direct.execute(
      `INSERT INTO {InboxEvent} ("key", "orderingKey", kind, payload, "receivedAt", "availableAt") VALUES (?, ?, ?, ?, ?, ?)`,
      ['k1', 'thread:A', 'response.posted', '{}', receivedAt, receivedAt],
    );
    await store.participants.upsert({ platform: 'slack', platformUserId: 'U1', displayName: 'Ada' });
    for (const sql of ['SELECT * FROM {InboxEvent}', 'SELECT * FROM {Participant}']) {
      const [expected] = await prisma.query<Record<string, unknown>>(sql, []);
      expect(await direct.query(sql, [])).toEqual([expected]);
    }
    const [row] = await direct.query<{ receivedAt: Date; attempts: number }>('SELECT * FROM {InboxEvent}', []);
    expect(row?.receivedAt).toEqual(receivedAt);
    expect(row?.attempts).toBe(0);
  });

  it('bind dates as Prisma stores them, so they compare with its own', async () => {
    const at = new Date('2026-12-03T10:00:00.000Z');
    await store.inbox.append([{ key: 'k1', orderingKey: 'thread:A', kind: 'x', payload: '{}', receivedAt: at }]);
    const due = 'SELECT "key" FROM {InboxEvent} WHERE "availableAt" <= ?';
    expect(await direct.query(due, [at])).toEqual([{ key: 'k1' }]);
    expect(await direct.query(due, [new Date(at.getTime() - 1)])).toEqual([]);
  });
});
