import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openStore } from '../adapters/prisma/prisma-store.ts';
import { PlatformRegistry } from '../src/core/consultation/deps.ts';
import { loadProgramme } from '../src/core/consultation/load-programme.ts';
import { openQuestion } from '../src/core/consultation/open-question.ts';
import type { ChatPlatform, PostedMessage } from '../src/core/ports/chat-platform.ts';
import { silentLogger } from '../src/core/ports/logger.ts';
import { isoWeekRange } from '../src/core/time-zone.ts';
import type { ChannelAddress, Platform } from '../src/core/types.ts';
import { BENCH_CHANNELS, BENCH_WEEK, benchProgramme } from './digest-programme.ts';

/**
 * Seeds the digest benchmark's SQLite file: the programme through the core (as `agora programme load` would), then
 * participants, responses, votes and vote changes written straight with better-sqlite3 in one transaction, in the
 * exact column formats Prisma writes (ISO text dates with +00:00, JSON as text, booleans as 0/1, cuid-like ids).
 */

export interface SeedStats {
  scale: number;
  participants: number;
  responses: number;
  votes: number;
  seconds: number;
}

const DAY = 86_400_000;

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let counter = 0;
const stamp = Date.UTC(2026, 10, 20).toString(36).slice(-8);
/** A cuid-shaped id (25 characters, starts with c), unique within the run. */
const cuid = () => `c${stamp}bnch${(counter++).toString(36).padStart(12, '0')}`;
const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');

const WORDS =
  'time marking planning meetings data workload leaders pupils parents trust training budget cover reports feedback curriculum support wellbeing pay governors inspection evidence research collaboration'.split(
    ' ',
  );

class SeedPlatform implements ChatPlatform {
  readonly capabilities = { threads: true, modals: true, ephemeral: true, directMessages: true, fileUpload: true };
  #n = 0;
  constructor(readonly platform: Platform) {}
  async postQuestion(channel: ChannelAddress): Promise<PostedMessage> {
    this.#n++;
    const ref =
      this.platform === 'slack'
        ? `slack:${channel.workspaceId}:${channel.channelId}:1790000000.${String(this.#n).padStart(6, '0')}`
        : `discord:${channel.workspaceId}:${channel.channelId}:9100000000000${String(this.#n).padStart(5, '0')}`;
    return { messageRef: ref, threadRef: ref };
  }
  async updateQuestion(): Promise<void> {}
  async sendPrivate(): Promise<'direct'> {
    return 'direct';
  }
  async postMessage(channel: ChannelAddress): Promise<PostedMessage> {
    return { messageRef: `${this.platform}:${channel.workspaceId}:${channel.channelId}:0`, threadRef: null };
  }

  async postStatementForReview(channel: ChannelAddress): Promise<PostedMessage> {
    return this.postMessage(channel);
  }
  async showStatementDecision(): Promise<void> {}
  owns(ref: string): boolean {
    return ref.startsWith(`${this.platform}:`);
  }
  async permalink(): Promise<string | null> {
    return null;
  }
}

export async function seedDigestBench(file: string, scale: number): Promise<SeedStats> {
  const started = performance.now();
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  mkdirSync(path.dirname(file), { recursive: true });
  const store = await openStore(`file:${file}`);
  const platforms = new PlatformRegistry();
  platforms.register(new SeedPlatform('slack'));
  platforms.register(new SeedPlatform('discord'));
  const week = isoWeekRange(BENCH_WEEK) as { start: Date; end: Date };
  const clock = { now: () => new Date(week.start.getTime() - 35 * DAY) };
  const deps = { store, clock, logger: silentLogger, platforms };
  await loadProgramme(store, benchProgramme(), 'bench', {
    directory: (placeholder) => BENCH_CHANNELS[placeholder as keyof typeof BENCH_CHANNELS] ?? [],
  });
  const programme = await store.programmes.findBySlug('bench-digest');
  if (!programme) throw new Error('benchmark programme not loaded');
  const questions = await store.questions.listByProgramme(programme.id);
  const postings = new Map<string, { id: string; ref: string; platform: Platform }[]>();
  const targets = await store.channels.targets(programme.id);
  for (const q of questions) {
    await openQuestion(deps, q.id);
    const list = await store.postings.listByQuestion(q.id);
    postings.set(
      q.id,
      list.map((p) => ({
        id: p.id,
        ref: p.messageRef,
        platform: targets.find((t) => t.id === p.channelTargetId)?.platform as Platform,
      })),
    );
  }
  const options = new Map<string, string[]>();
  for (const q of questions)
    options.set(
      q.id,
      (await store.questions.options(q.id)).map((o) => o.key),
    );
  await store.close();

  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -400000');
  const random = prng(20261130);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)] as T;
  const firstDay = week.start.getTime() - 35 * DAY;
  /** 6 weeks of activity, a third of it in the digest's week. */
  const when = () =>
    random() < 0.33
      ? week.start.getTime() + Math.floor(random() * 7 * DAY)
      : firstDay + Math.floor(random() * 35 * DAY);

  const participantCount = Math.max(50, Math.round(200_000 * scale));
  const responseTotal = Math.round(1_000_000 * scale);
  const voteTotal = Math.round(2_000_000 * scale);
  const insertParticipant = db.prepare(
    'INSERT INTO "Participant" ("id","platform","platformUserId","displayName","pseudonym","role","remindersOff","createdAt") VALUES (?,?,?,?,?,?,?,?)',
  );
  const insertResponse = db.prepare(
    'INSERT INTO "Response" ("id","questionId","postingId","participantId","body","private","messageRef","replyToId","attachments","idempotencyKey","createdAt","editedAt","deletedAt") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)',
  );
  const insertVote = db.prepare(
    'INSERT INTO "Vote" ("id","questionId","participantId","subject","choice","castAt","retractedAt") VALUES (?,?,?,?,?,?,?)',
  );
  const insertChange = db.prepare(
    'INSERT INTO "VoteChange" ("id","voteId","choice","idempotencyKey","recordedAt") VALUES (?,?,?,?,?)',
  );

  const people: { id: string; platform: Platform }[] = [];
  let responses = 0;
  let votes = 0;
  db.transaction(() => {
    for (let i = 0; i < participantCount; i++) {
      const platform: Platform = random() < 0.7 ? 'slack' : 'discord';
      const id = cuid();
      people.push({ id, platform });
      insertParticipant.run(
        id,
        platform,
        platform === 'slack' ? `U${String(10_000_000 + i)}` : String(800_000_000_000_000_000n + BigInt(i)),
        `Teacher ${i}`,
        `Participant ${(0x100000 + i).toString(16).toUpperCase().slice(-6)}${i > 0xfffff ? `-${i}` : ''}`,
        'participant',
        0,
        iso(firstDay - DAY),
      );
    }
    const open = questions.filter((q) => q.kind === 'open');
    const polls = questions.filter((q) => q.kind !== 'open');
    let ts = 0;
    for (const [n, q] of open.entries()) {
      const count = Math.floor(responseTotal / open.length) + (n < responseTotal % open.length ? 1 : 0);
      const times = Array.from({ length: count }, when).sort((a, b) => a - b);
      const earlier: string[] = [];
      for (const at of times) {
        const person = pick(people);
        const id = cuid();
        const isPrivate = q.anonymity === 'anonymous' || random() < 0.05;
        const posting = isPrivate
          ? undefined
          : pick((postings.get(q.id) ?? []).filter((p) => p.platform === person.platform));
        ts++;
        const messageRef = posting
          ? posting.platform === 'slack'
            ? `${posting.ref.split(':').slice(0, 3).join(':')}:${Math.floor(at / 1000)}.${String(ts % 1_000_000).padStart(6, '0')}`
            : `${posting.ref.split(':').slice(0, 3).join(':')}:${(1_200_000_000_000_000_000n + BigInt(ts)).toString()}`
          : null;
        const words = 8 + Math.floor(random() * 25);
        const body = Array.from({ length: words }, () => pick(WORDS)).join(' ');
        const replyTo =
          earlier.length > 0 && random() < 0.2
            ? earlier[earlier.length - 1 - Math.floor(random() * Math.min(50, earlier.length))]
            : null;
        insertResponse.run(
          id,
          q.id,
          posting?.id ?? null,
          person.id,
          `${body[0]?.toUpperCase()}${body.slice(1)}.`,
          isPrivate ? 1 : 0,
          messageRef,
          replyTo ?? null,
          '[]',
          messageRef ?? `private:${id}`,
          iso(at),
          null,
          random() < 0.01 ? iso(at + 3_600_000) : null,
        );
        if (!isPrivate) earlier.push(id);
        responses++;
      }
    }
    for (const [n, q] of polls.entries()) {
      const target = Math.floor(voteTotal / polls.length) + (n < voteTotal % polls.length ? 1 : 0);
      const keys = options.get(q.id) ?? [];
      const subjects = q.kind === 'likert' || q.kind === 'statements' ? keys : [''];
      const voters = Math.min(people.length, Math.ceil(target / subjects.length));
      const offset = Math.floor(random() * people.length);
      let made = 0;
      for (let v = 0; v < voters && made < target; v++) {
        const person = people[(offset + v) % people.length] as { id: string };
        for (const subject of subjects) {
          if (made >= target) break;
          let choice: string[];
          if (q.kind === 'single_choice') choice = [keys[Math.floor(random() ** 1.5 * keys.length)] as string];
          else if (q.kind === 'multi_choice') choice = keys.filter(() => random() < 0.4).slice(0, q.maxChoices);
          else if (q.kind === 'ranked')
            choice = [...keys].sort(() => random() - 0.5).slice(0, 2 + Math.floor(random() * (keys.length - 1)));
          else if (q.kind === 'likert') choice = [String(Math.min(4, Math.floor(random() * 3 + random() * 2.5)))];
          else choice = [random() < 0.55 ? 'agree' : random() < 0.75 ? 'disagree' : 'pass'];
          if (choice.length === 0) choice = [keys[0] as string];
          const id = cuid();
          const at = iso(when());
          const json = JSON.stringify(choice);
          insertVote.run(id, q.id, person.id, subject, json, at, null);
          insertChange.run(cuid(), id, json, `vote:${id}`, at);
          made++;
          votes++;
        }
      }
    }
  })();
  db.pragma('synchronous = NORMAL');
  db.exec('ANALYZE');
  db.close();
  return {
    scale,
    participants: participantCount,
    responses,
    votes,
    seconds: (performance.now() - started) / 1000,
  };
}

/** Seeds once per scale and reuses the file afterwards (delete it, or pass --fresh, to seed again). */
export async function ensureDigestBench(
  dir: string,
  scale: number,
  fresh: boolean,
): Promise<{ file: string; stats: SeedStats; reused: boolean }> {
  const file = path.join(dir, `digest-${scale}.db`);
  const marker = `${file}.json`;
  if (!fresh && existsSync(file) && existsSync(marker)) {
    // Migrations added since the seed (running totals among them) are applied to it, as to any store.
    await (await openStore(`file:${file}`)).close();
    return { file, stats: JSON.parse(readFileSync(marker, 'utf8')) as SeedStats, reused: true };
  }
  rmSync(marker, { force: true });
  const stats = await seedDigestBench(file, scale);
  writeFileSync(marker, JSON.stringify(stats));
  return { file, stats, reused: false };
}
