import { openStore, type PrismaStore } from '../../adapters/prisma/prisma-store.ts';
import { PlatformRegistry } from '../../src/core/consultation/deps.ts';
import { loadProgramme } from '../../src/core/consultation/load-programme.ts';
import type { Clock } from '../../src/core/ports/clock.ts';
import { silentLogger } from '../../src/core/ports/logger.ts';
import { InProcessPlatform } from '../fakes/in-process-platform.ts';
import { sqliteDatabase, type TestDatabase } from './databases.ts';
import { programmeDefinition, slackDirectory } from './programme-fixture.ts';

/** A controllable clock for tests. */
export class TestClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date | string): void {
    this.current = new Date(at);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** The core over a real SQLite store and an in-process platform, with the fixture programme loaded. */
export async function coreHarness(overrides: Record<string, unknown> = {}) {
  const database: TestDatabase = sqliteDatabase();
  const store: PrismaStore = await openStore(database.url);
  const platform = new InProcessPlatform('slack');
  const platforms = new PlatformRegistry();
  platforms.register(platform);
  const clock = new TestClock(new Date('2026-12-01T10:00:00Z'));
  const deps = { store, clock, logger: silentLogger, platforms };
  await loadProgramme(store, programmeDefinition(overrides), 'fixture', { directory: slackDirectory });
  const programme = await store.programmes.findBySlug('staff-voice');
  const questions = await store.questions.listByProgramme(programme?.id as string);
  const question = (key: string) => {
    const q = questions.find((x) => x.key === key);
    if (!q) throw new Error(`no question ${key}`);
    return q;
  };
  return {
    deps,
    store,
    databaseUrl: database.url,
    platform,
    clock,
    question,
    person: (id: string, name = `Person ${id}`) => ({
      platform: 'slack' as const,
      platformUserId: id,
      displayName: name,
    }),
    async close() {
      await store.close();
      await database.drop();
    },
  };
}
