import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../adapters/prisma/prisma-store.ts';
import { createConsultationScheduler } from '../../adapters/scheduler/create-scheduler.ts';
import { planProgrammeJobs } from '../../adapters/scheduler/plan-programme-jobs.ts';
import { PlatformRegistry } from '../../src/core/consultation/deps.ts';
import { loadProgramme } from '../../src/core/consultation/load-programme.ts';
import { silentLogger } from '../../src/core/ports/logger.ts';
import { FileRecordingPlatform, readRecordedCalls } from '../fakes/file-recording-platform.ts';
import { TestClock } from '../support/core-harness.ts';
import { sqliteDatabase } from '../support/databases.ts';
import { programmeDefinition } from '../support/programme-fixture.ts';
import { runAgoraCli } from '../support/run-agora.ts';
import { spawnScript } from '../support/spawn-script.ts';

const OPENS = new Date('2026-12-01T09:00:00Z');
const LEASE_MS = 10 * 60_000;

/** One question posted to the same placeholder on Slack and on Discord. */
const definition = () =>
  programmeDefinition({
    sections: [
      {
        id: 'workload',
        title: 'Workload',
        questions: [
          {
            id: 'q-open',
            kind: 'open',
            prompt: 'What would most reduce your workload?',
            opens: '2026-12-01 09:00',
            closes: '2026-12-14 17:00',
          },
        ],
      },
    ],
  });
const directory = (placeholder: string) =>
  placeholder === 'staffroom'
    ? [
        { platform: 'slack' as const, workspaceId: 'T1', channelId: 'C_STAFF' },
        { platform: 'discord' as const, workspaceId: 'G1', channelId: 'C_DISCORD' },
      ]
    : [];

describe('a scheduler process killed in the middle of an open job', () => {
  it('leaves the job to be taken over after its lease, and each channel gets the question exactly once', async () => {
    const database = sqliteDatabase();
    const callsFile = path.join(path.dirname(database.url.slice('file:'.length)), 'platform-calls.jsonl');
    const store = await openStore(database.url);
    try {
      await loadProgramme(store, definition(), 'v1', { directory });
      const clock = new TestClock(new Date(OPENS.getTime() + 30_000));
      await planProgrammeJobs({ store, clock, logger: silentLogger }, 'staff-voice');
      const question = await store.questions.findByKey(
        (await store.programmes.findBySlug('staff-voice'))?.id as string,
        'q-open',
      );
      const questionId = question?.id as string;

      // The first process posts to one channel, then hangs on the other and is killed there.
      const doomed = spawnScript('test/support/scheduler-kill-child.ts', {
        DATABASE_URL: database.url,
        CALLS_FILE: callsFile,
        NOW: clock.now().toISOString(),
      });
      await doomed.waitFor(/^hanging before posting/);
      doomed.child.kill('SIGKILL');
      expect((await doomed.exited).signal).toBe('SIGKILL');

      const beforeRestart = readRecordedCalls(callsFile);
      expect(beforeRestart.map((c) => c.event)).toEqual(['post', 'hang']);
      expect(await store.postings.listByQuestion(questionId)).toHaveLength(1);
      expect((await store.jobs.list({ prefix: `open:${questionId}` }))[0]).toMatchObject({
        status: 'running',
        attempts: 1,
        leasedBy: 'doomed-process',
      });

      // A restarted scheduler: the lease still holds at first, then it takes the job over.
      const restarted = await openStore(database.url, { migrate: false });
      try {
        const platforms = new PlatformRegistry();
        for (const platform of ['slack', 'discord'] as const)
          platforms.register(new FileRecordingPlatform(platform, callsFile));
        const scheduler = createConsultationScheduler(
          { store: restarted, clock, logger: silentLogger, platforms },
          { workerId: 'restarted', quietHours: null, deliverDigest: async () => {} },
        );
        clock.advance(60_000);
        expect((await scheduler.runDue()).claimed).toBe(0);
        clock.set(new Date(OPENS.getTime() + 30_000 + LEASE_MS + 1000));
        expect(await scheduler.runDue()).toMatchObject({ claimed: 1, done: 1 });

        const posts = readRecordedCalls(callsFile).filter((c) => c.event === 'post');
        expect(posts.map((p) => p.channel).sort()).toEqual(['G1/C_DISCORD', 'T1/C_STAFF']);
        expect(new Set(posts.map((p) => p.pid)).size).toBe(2);
        const postings = await restarted.postings.listByQuestion(questionId);
        expect(postings.map((p) => p.messageRef).sort()).toEqual(posts.map((p) => p.messageRef).sort());
        const job = (await restarted.jobs.list({ prefix: `open:${questionId}` }))[0];
        expect(job).toMatchObject({ status: 'done', attempts: 2, leasedBy: 'restarted' });
        expect(job?.note).toMatch(/^posted to 1 channel\(s\), already in 1 \(ran 11 min late/);
      } finally {
        await restarted.close();
      }

      // What an operator sees.
      const listed = await runAgoraCli(['jobs', 'list', '--json'], { DATABASE_URL: database.url });
      expect(listed.code).toBe(0);
      const rows = JSON.parse(listed.output) as { key: string; status: string; attempts: number }[];
      expect(rows.find((r) => r.key === `open:${questionId}`)).toMatchObject({ status: 'done', attempts: 2 });
      const table = await runAgoraCli(['jobs', 'list', '--status', 'pending'], { DATABASE_URL: database.url });
      expect(table.output).toContain(`close:${questionId}`);
      expect(table.output).not.toContain(`open:${questionId}`);
    } finally {
      await store.close();
      await database.drop();
    }
  }, 120_000);
});
