import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProgrammeFile } from '../../adapters/files/load-programme-files.ts';
import { openStore } from '../../adapters/prisma/prisma-store.ts';
import { createConsultationScheduler } from '../../adapters/scheduler/create-scheduler.ts';
import { planProgrammeJobs } from '../../adapters/scheduler/plan-programme-jobs.ts';
import { PlatformRegistry } from '../../src/core/consultation/deps.ts';
import { recordResponse } from '../../src/core/consultation/record-response.ts';
import type { QuestionRecord } from '../../src/core/records.ts';
import type { ChannelAddress, Platform } from '../../src/core/types.ts';
import { InProcessPlatform } from '../fakes/in-process-platform.ts';
import { TestClock } from '../support/core-harness.ts';
import { sqliteDatabase } from '../support/databases.ts';
import { RecordingLogger } from '../support/recording-logger.ts';

const HOUR = 3_600_000;
const programmeFile = path.resolve(import.meta.dirname, '..', '..', 'programmes', 'ascl-blueprint.yaml');

const CHANNELS: Record<string, ChannelAddress[]> = {
  staffroom: [
    { platform: 'slack', workspaceId: 'T1', channelId: 'C_STAFF' },
    { platform: 'discord', workspaceId: 'G1', channelId: 'D_STAFF' },
  ],
  leadership: [{ platform: 'slack', workspaceId: 'T1', channelId: 'C_LEAD' }],
  organisers: [{ platform: 'slack', workspaceId: 'T1', channelId: 'C_ORG' }],
};
const where = (c: ChannelAddress) => `${c.platform}:${c.workspaceId}/${c.channelId}`;

describe('the ASCL Blueprint programme run on a simulated clock', () => {
  it('opens, reminds, closes and digests every question on time, once, across Slack and Discord', async () => {
    const database = sqliteDatabase();
    const store = await openStore(database.url);
    try {
      const clock = new TestClock(new Date('2027-01-10T00:00:00Z'));
      const logger = new RecordingLogger();
      const slack = new InProcessPlatform('slack');
      const discord = new InProcessPlatform('discord');
      const platforms = new PlatformRegistry();
      platforms.register(slack);
      platforms.register(discord);
      const deps = { store, clock, logger, platforms };
      const digests: { week: string; at: string; from: string; to: string }[] = [];
      const scheduler = createConsultationScheduler(deps, {
        workerId: 'simulation',
        quietHours: { from: 20, to: 8 },
        deliverDigest: async (_programmeId, week, period) => {
          digests.push({
            week,
            at: clock.now().toISOString(),
            from: period.from.toISOString(),
            to: period.to.toISOString(),
          });
        },
      });

      const loaded = await loadProgrammeFile(store, programmeFile, (placeholder) => CHANNELS[placeholder] ?? []);
      expect(loaded.error ?? loaded.problems ?? null).toBeNull();
      await planProgrammeJobs(deps, 'ascl-blueprint');
      const programme = await store.programmes.findBySlug('ascl-blueprint');
      const questions = await store.questions.listByProgramme(programme?.id as string);
      expect(questions).toHaveLength(10);
      const byKey = new Map(questions.map((q) => [q.key, q]));

      /** People answer in the thread of the question as posted in their platform's staffroom. */
      let ts = 0;
      const answer = async (platform: Platform, user: string, key: string) => {
        const question = byKey.get(key) as QuestionRecord;
        const fake = platform === 'slack' ? slack : discord;
        const posted = fake.posted.find((p) => p.card.questionId === question.id && p.channel.channelId !== 'C_LEAD');
        const outcome = await recordResponse(deps, {
          platform,
          containerRef: posted?.ref.threadRef as string,
          messageRef: `${platform}:msg:${++ts}`,
          author: { platform, platformUserId: user, displayName: user },
          body: `${user} on ${key}`,
          replyToRef: null,
          attachments: [],
          idempotencyKey: `${platform}:msg:${ts}`,
          at: clock.now(),
        });
        expect(outcome.status).toBe('recorded');
      };
      const vision = questions.filter((q) => q.key.startsWith('vision-')).map((q) => q.key);
      const practice = questions.filter((q) => q.key.startsWith('practice-')).map((q) => q.key);

      const end = new Date('2027-02-16T00:00:00Z');
      for (; clock.now() <= end; clock.advance(HOUR)) {
        await scheduler.runDue();
        const now = clock.now().toISOString();
        if (now === '2027-01-12T10:00:00.000Z') {
          for (const key of vision) await answer('slack', 'U1', key);
          await answer('slack', 'U2', 'vision-components');
          await answer('discord', 'D3', 'vision-momentum');
          await answer('slack', 'U4', 'vision-components');
          const u4 = await store.participants.find('slack', 'U4');
          await store.participants.setRemindersOff(u4?.id as string, true);
        }
        if (now === '2027-01-26T10:00:00.000Z') for (const key of practice) await answer('slack', 'U1', key);
      }

      // Every question opened once in each of its three channels, at its opening time.
      for (const q of questions) {
        const posts = [...slack.posted, ...discord.posted].filter((p) => p.card.questionId === q.id);
        expect([q.key, posts.map((p) => where(p.channel)).sort()]).toEqual([
          q.key,
          ['discord:G1/D_STAFF', 'slack:T1/C_LEAD', 'slack:T1/C_STAFF'],
        ]);
        for (const posting of await store.postings.listByQuestion(q.id))
          expect(posting.postedAt.toISOString()).toBe(q.opensAt?.toISOString());
      }

      // Reminders went privately, once, only to people known to the programme who had not answered.
      const reminded = (key: string) => {
        const prompt = (byKey.get(key) as QuestionRecord).prompt.slice(0, 60);
        return [...slack.privateMessages, ...discord.privateMessages]
          .filter((m) => m.text.includes(prompt))
          .map((m) => m.recipient.platformUserId)
          .sort();
      };
      expect(Object.fromEntries([...vision, ...practice].map((key) => [key, reminded(key)]))).toEqual({
        'vision-components': ['D3'],
        'vision-government': ['D3', 'U2'],
        'vision-accountability': ['D3', 'U2'],
        'vision-capacity': ['D3', 'U2'],
        'vision-momentum': ['U2'],
        'practice-coordination': ['D3', 'U2'],
        'practice-pathway': ['D3', 'U2'],
        'practice-curriculum': ['D3', 'U2'],
        'practice-structures': ['D3', 'U2'],
        'practice-middle-tier': ['D3', 'U2'],
      });
      expect(slack.messages.concat(discord.messages)).toEqual([]);

      // Every question closed once, at its close time, its results shown once in each posting.
      for (const q of await store.questions.listByProgramme(programme?.id as string)) {
        expect([q.key, q.status, q.closedAt?.toISOString()]).toEqual([q.key, 'closed', q.closesAt?.toISOString()]);
        const closedCards = [...slack.updates, ...discord.updates].filter(
          (u) => u.card.questionId === q.id && u.card.status === 'closed',
        );
        expect(closedCards).toHaveLength(3);
        expect(new Set(closedCards.map((u) => u.messageRef)).size).toBe(3);
      }

      // A digest each week, from the week the first questions opened to the week after the last closed.
      expect(digests).toEqual([
        {
          week: '2027-W02',
          at: '2027-01-18T08:00:00.000Z',
          from: '2027-01-11T08:00:00.000Z',
          to: '2027-01-18T08:00:00.000Z',
        },
        {
          week: '2027-W03',
          at: '2027-01-25T08:00:00.000Z',
          from: '2027-01-18T08:00:00.000Z',
          to: '2027-01-25T08:00:00.000Z',
        },
        {
          week: '2027-W04',
          at: '2027-02-01T08:00:00.000Z',
          from: '2027-01-25T08:00:00.000Z',
          to: '2027-02-01T08:00:00.000Z',
        },
        {
          week: '2027-W05',
          at: '2027-02-08T08:00:00.000Z',
          from: '2027-02-01T08:00:00.000Z',
          to: '2027-02-08T08:00:00.000Z',
        },
        {
          week: '2027-W06',
          at: '2027-02-15T08:00:00.000Z',
          from: '2027-02-08T08:00:00.000Z',
          to: '2027-02-15T08:00:00.000Z',
        },
      ]);

      // Nothing left over, nothing failed; each decision is in the log.
      const jobs = await store.jobs.list();
      const byStatus = (status: string) => jobs.filter((j) => j.status === status).length;
      expect({ done: byStatus('done'), other: jobs.length - byStatus('done') }).toEqual({ done: 35, other: 0 });
      expect(logger.lines.filter((l) => l.level === 'warn' || l.level === 'error')).toEqual([]);
      expect(logger.lines.filter((l) => l.message === 'job done')).toHaveLength(35);
    } finally {
      await store.close();
      await database.drop();
    }
  }, 120_000);
});
