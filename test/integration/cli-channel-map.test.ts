import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../adapters/prisma/prisma-store.ts';
import { sqliteDatabase, type TestDatabase } from '../support/databases.ts';
import { runAgoraCli } from '../support/run-agora.ts';

/** A CHANNEL_MAP the command line cannot read is named as a setting to fix, never shown as a stack trace. */
describe('agora programme load with a bad CHANNEL_MAP', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = sqliteDatabase();
    await (await openStore(database.url)).close();
  });
  afterAll(async () => database.drop());

  it('says which setting is wrong and loads nothing', async () => {
    const env = { DATABASE_URL: database.url, CHANNEL_MAP: 'staffroom' };
    const result = await runAgoraCli(['programme', 'load', 'programmes/htrt2016.yaml'], env);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('Configuration is not valid');
    expect(result.output).toContain('CHANNEL_MAP:');
    expect(result.output).not.toMatch(/\n\s+at /);
    const listed = await runAgoraCli(['programme', 'list'], { DATABASE_URL: database.url });
    expect(listed.output).not.toContain('htrt2016');
  }, 60_000);
});
