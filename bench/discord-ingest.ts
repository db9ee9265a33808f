import { performance } from 'node:perf_hooks';
import type { APIMessage } from 'discord.js';
import { responsePosted } from '../adapters/discord/inbound/message-translation.ts';
import { createDiscordAdapter } from '../adapters/discord/index.ts';
import { parseThreadRef } from '../adapters/discord/refs.ts';
import { readProgrammeFile } from '../adapters/files/read-programme-file.ts';
import { openStore } from '../adapters/prisma/prisma-store.ts';
import { createCommandRegistry } from '../src/core/commands/default-commands.ts';
import { createConsultation } from '../src/core/consultation/consultation.ts';
import { type CoreDeps, PlatformRegistry } from '../src/core/consultation/deps.ts';
import { loadProgramme } from '../src/core/consultation/load-programme.ts';
import { openQuestion } from '../src/core/consultation/open-question.ts';
import { recordResponse } from '../src/core/consultation/record-response.ts';
import { InboundPipeline } from '../src/core/inbound/pipeline.ts';
import { systemClock } from '../src/core/ports/clock.ts';
import { silentLogger } from '../src/core/ports/logger.ts';
import type { PostingRecord } from '../src/core/records.ts';
import { defaultGuilds, defaultIds } from '../test/fakes/discord/default-world.ts';
import { type Dispatch, startFakeDiscord } from '../test/fakes/discord/index.ts';
import type { GuildSeed, UserSeed } from '../test/fakes/discord/options.ts';
import { argument, fmt, percentile, tempSqlite } from './support.ts';

/**
 * Discord ingest: MESSAGE_CREATE dispatches from the fake gateway, through the real discord.js client and the
 * adapter, into the inbound pipeline's inbox (durably stored), at `--rate` per second for `--seconds`, spread over
 * the threads of `--threads` open questions; latency is from dispatch to stored. Baseline, in the same run: the same events recorded straight
 * through the core's recordResponse into a second store, at the same pace, in the same order within each thread.
 * Both paths are warmed up first (`--warmup` events each, not measured); `--discord-first` swaps the order.
 *   npx tsx bench/discord-ingest.ts [--seconds 30 --rate 1000 --threads 10 --warmup 1000]
 */
const seconds = argument('seconds', 30);
const rate = argument('rate', 1000);
const threadCount = argument('threads', 10);
const warmup = argument('warmup', 1000);
const total = Math.round(seconds * rate);
const people = 200;

const programmeFile = await readProgrammeFile('programmes/ascl-blueprint.yaml');
if (!programmeFile.ok) throw new Error('the shipped programme does not validate');
const definition = programmeFile.programme;

/** Every question of the shipped programme goes to `staffroom`, mapped here to #general. */
const staffroomOnly = (placeholder: string) =>
  placeholder === 'staffroom'
    ? [{ platform: 'discord' as const, workspaceId: defaultIds.guild, channelId: defaultIds.general }]
    : [];

const [guild] = defaultGuilds as [GuildSeed];
const users: UserSeed[] = Array.from({ length: people }, (_, i) => ({
  id: String(1_200_000_000_000_000_000n + BigInt(i)),
  username: `member${i}`,
  globalName: `Member ${i}`,
}));
const fake = await startFakeDiscord({
  users,
  guilds: [{ ...guild, ownerId: users[0]?.id as string, members: users.map((u) => ({ userId: u.id })) }],
  heartbeatIntervalMs: 30_000,
});

// The Discord path: fake gateway -> discord.js -> adapter -> core -> store.
const db = tempSqlite();
const store = await openStore(db.url);
const deps: CoreDeps = { store, clock: systemClock, logger: silentLogger, platforms: new PlatformRegistry() };
const dispatchedAt = new Map<string, number>();
const stored = { count: 0, lastAt: 0, latencies: [] as number[] };
const pipeline = new InboundPipeline({ inbox: store.inbox, deps, worker: 'bench' });
const adapter = createDiscordAdapter({
  config: { token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl, organiserRole: 'Organiser' },
  consultation: createConsultation(deps, pipeline),
  registry: createCommandRegistry(null),
  logger: silentLogger,
  observe: ({ kind, messageId, outcome }) => {
    const t0 = dispatchedAt.get(messageId);
    if (kind !== 'create' || outcome !== 'stored' || t0 === undefined) return;
    stored.lastAt = performance.now();
    stored.latencies.push(stored.lastAt - t0);
    stored.count++;
  },
});
deps.platforms.register(adapter.platform);
await adapter.start();
await pipeline.start();
await loadProgramme(store, definition, 'bench', { directory: staffroomOnly });
const programme = await store.programmes.findBySlug(definition.slug);
const postings: PostingRecord[] = [];
for (const question of (await store.questions.listByProgramme(programme?.id as string)).slice(0, threadCount)) {
  const outcome = await openQuestion(deps, question.id);
  if (outcome.failed.length) throw new Error(`could not post ${question.key}: ${JSON.stringify(outcome.failed)}`);
  postings.push(...(await store.postings.listByQuestion(question.id)));
}
const threads = postings.map((p) => parseThreadRef(p.threadRef)?.threadId as string);

// The baseline's store holds the same programme and postings (same thread references).
const baseDb = tempSqlite();
const baseStore = await openStore(baseDb.url);
const baseDeps: CoreDeps = {
  store: baseStore,
  clock: systemClock,
  logger: silentLogger,
  platforms: new PlatformRegistry(),
};
await loadProgramme(baseStore, definition, 'bench', { directory: staffroomOnly });
const baseProgramme = await baseStore.programmes.findBySlug(definition.slug);
const baseQuestions = await baseStore.questions.listByProgramme(baseProgramme?.id as string);
const [baseTarget] = await baseStore.channels.targets(baseProgramme?.id as string);
for (const [index, posting] of postings.entries()) {
  const question = baseQuestions[index];
  if (!question) continue;
  await baseStore.questions.setStatus(question.id, 'open', new Date());
  await baseStore.postings.create({
    questionId: question.id,
    channelTargetId: baseTarget?.id as string,
    messageRef: posting.messageRef,
    threadRef: posting.threadRef,
    postedAt: new Date(),
  });
}

// Messages are built before any clock starts, so that the fake's own work of building them is not measured.
type Event = { message: APIMessage; dispatch: Dispatch };
function buildEvents(count: number, label: string): Event[] {
  return Array.from({ length: count }, (_, i) => {
    const { message } = fake.userSendsMessage({
      channelId: threads[i % threads.length] as string,
      userId: users[i % people]?.id as string,
      content: `${label} response ${i}: the accountability framework should trust professional judgement more.`,
      offline: true,
    });
    const payload = { ...message, guild_id: defaultIds.guild, member: { nick: null }, channel_type: 11 };
    return { message, dispatch: { t: 'MESSAGE_CREATE' as Dispatch['t'], d: payload } };
  });
}
const warmEvents = buildEvents(warmup, 'Warm-up');
const events = buildEvents(total, 'Measured');

/** Sends every event at `rate` per second, catching up after a late timer; resolves when all are sent. */
function paced(list: Event[], send: (event: Event) => void): Promise<void> {
  return new Promise((resolve) => {
    const started = performance.now();
    let sent = 0;
    const tick = () => {
      const due = Math.min(list.length, Math.floor(((performance.now() - started) / 1000) * rate));
      while (sent < due) send(list[sent++] as Event);
      if (sent >= list.length) resolve();
      else setTimeout(tick, 5);
    };
    tick();
  });
}

/** Waits until `count()` reaches `target`, or until it has not moved for 15 s. */
async function drained(count: () => number, target: number): Promise<void> {
  let last = count();
  let idleSince = performance.now();
  while (count() < target) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    if (count() !== last) {
      last = count();
      idleSince = performance.now();
    } else if (performance.now() - idleSince > 15_000) return;
  }
}

interface Outcome {
  achieved: number;
  p99: number;
}

function summary(name: string, latencies: number[], count: number, elapsedMs: number, expected: number): Outcome {
  latencies.sort((a, b) => a - b);
  const achieved = count / (elapsedMs / 1000);
  const p50 = fmt(percentile(latencies, 50), 1);
  const p99 = fmt(percentile(latencies, 99), 1);
  console.log(
    `  ${name.padEnd(22)}: ${fmt(achieved)} stored/s  (p50 ${p50} ms, p99 ${p99} ms dispatch to stored; ${fmt(count)} of ${fmt(expected)})`,
  );
  return { achieved, p99: percentile(latencies, 99) };
}

async function discordPath(list: Event[]): Promise<Outcome> {
  stored.count = 0;
  stored.lastAt = 0;
  stored.latencies = [];
  const started = performance.now();
  await paced(list, (event) => {
    dispatchedAt.set(event.message.id, performance.now());
    fake.replay(event.dispatch);
  });
  await drained(() => stored.count, list.length);
  const elapsed = (stored.lastAt || performance.now()) - started;
  return summary('discord.js + adapter', stored.latencies, stored.count, elapsed, list.length);
}

async function baselinePath(list: Event[]): Promise<Outcome> {
  const latencies: number[] = [];
  let count = 0;
  let lastAt = 0;
  const tails = new Map<string, Promise<void>>();
  const started = performance.now();
  await paced(list, (event) => {
    const t0 = performance.now();
    const posted = responsePosted(event.message, defaultIds.guild, fake.applicationId, new Date());
    const channel = event.message.channel_id;
    const tail = (tails.get(channel) ?? Promise.resolve()).then(async () => {
      const outcome = await recordResponse(baseDeps, posted);
      if (outcome.status !== 'recorded') return;
      lastAt = performance.now();
      latencies.push(lastAt - t0);
      count++;
    });
    tails.set(channel, tail);
  });
  await drained(() => count, list.length);
  return summary('recordResponse only', latencies, count, (lastAt || performance.now()) - started, list.length);
}

console.log(`discord ingest: warming both paths up with ${fmt(warmup)} events each (not measured)`);
const quiet = console.log;
console.log = () => {};
await baselinePath(warmEvents);
await discordPath(warmEvents);
console.log = quiet;

console.log(
  `discord ingest: ${fmt(total)} MESSAGE_CREATE at ${fmt(rate)}/s for ${seconds} s over ${threads.length} threads (SQLite)`,
);
const discordFirst = process.argv.includes('--discord-first');
const discord = discordFirst ? await discordPath(events) : undefined;
const baseline = await baselinePath(events);
const measured = discord ?? (await discordPath(events));

await pipeline.stop();
await adapter.stop();
await fake.stop();
await store.close();
await baseStore.close();
db.drop();
baseDb.drop();

console.log(
  `  ratio discord/baseline : ${fmt(measured.achieved / baseline.achieved, 3)} of the throughput, p99 ${fmt(measured.p99 / Math.max(0.001, baseline.p99), 2)}x`,
);
