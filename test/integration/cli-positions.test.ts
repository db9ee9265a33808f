import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../adapters/prisma/prisma-store.ts';
import { sqliteDatabase, type TestDatabase } from '../support/databases.ts';
import { runAgoraCli } from '../support/run-agora.ts';

/** The command line's own words: a question it cannot find points at its own listing, not at a chat command. */
describe('agora positions question', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = sqliteDatabase();
    await (await openStore(database.url)).close();
  });
  afterAll(async () => database.drop());

  it('points at `agora programme list` for a question it cannot find, in plain words', async () => {
    const result = await runAgoraCli(['positions', 'question', 'staff-voice/nope'], { DATABASE_URL: database.url });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('There is no question "staff-voice/nope"');
    expect(result.output).toContain('agora programme list lists every programme and question');
    expect(result.output).not.toContain('/agora status');
    expect(result.output).not.toContain('`');
  }, 60_000);
});
