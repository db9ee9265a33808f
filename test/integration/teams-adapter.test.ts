import { afterEach, beforeEach, expect, it } from 'vitest';
import { HttpServer } from '../../adapters/http/server.ts';
import { openStore, type PrismaStore } from '../../adapters/prisma/prisma-store.ts';
import { createTeamsAdapter, TEAMS_ROUTE } from '../../adapters/teams/index.ts';
import { createCommandRegistry } from '../../src/core/commands/default-commands.ts';
import { closeQuestion } from '../../src/core/consultation/close-question.ts';
import { createConsultation } from '../../src/core/consultation/consultation.ts';
import { PlatformRegistry } from '../../src/core/consultation/deps.ts';
import { loadProgramme } from '../../src/core/consultation/load-programme.ts';
import { openQuestion } from '../../src/core/consultation/open-question.ts';
import { InboundPipeline } from '../../src/core/inbound/pipeline.ts';
import { systemClock } from '../../src/core/ports/clock.ts';
import { eventually } from '../contract/platform-suite.ts';
import { actionsOf, cardOf, type FakeTeams, startFakeTeams } from '../fakes/teams/index.ts';
import { sqliteDatabase } from '../support/databases.ts';
import { programmeDefinition } from '../support/programme-fixture.ts';
import { RecordingLogger } from '../support/recording-logger.ts';

let fake: FakeTeams;
let store: PrismaStore;
let http: HttpServer;
let pipeline: InboundPipeline;
let drop: () => Promise<void>;
let deps: Parameters<typeof openQuestion>[0];

beforeEach(async () => {
  fake = await startFakeTeams();
  const database = sqliteDatabase();
  drop = database.drop;
  store = await openStore(database.url);
  const logger = new RecordingLogger();
  const platforms = new PlatformRegistry();
  deps = { store, clock: systemClock, logger, platforms };
  pipeline = new InboundPipeline({
    inbox: store.inbox,
    deps,
    worker: 'teams-test',
    tuning: { refreshDelayMs: 20, pollMs: 50 },
  });
  const consultation = createConsultation(deps, pipeline);
  const adapter = createTeamsAdapter({
    config: {
      appId: fake.appId,
      appPassword: fake.appPassword,
      tenantId: fake.tenantId,
      authority: fake.authority,
      serviceUrl: fake.serviceUrl,
    },
    consultation,
    registry: createCommandRegistry(null),
    logger,
  });
  platforms.register(adapter.platform);
  const staffroom = { platform: 'teams' as const, workspaceId: fake.tenantId, channelId: fake.channelId('staffroom') };
  await loadProgramme(store, programmeDefinition(), 'fixture', {
    directory: (p) => (p === 'staffroom' ? [staffroom] : []),
  });
  http = new HttpServer(logger);
  http.mount(TEAMS_ROUTE, adapter.handler);
  const port = await http.listen(0, '127.0.0.1');
  fake.setBotEndpoint(`http://127.0.0.1:${port}${TEAMS_ROUTE}`);
  await pipeline.start();
});

afterEach(async () => {
  await pipeline.stop();
  await http.close();
  await fake.stop();
  await store.close();
  await drop();
});

async function openedQuestionPost(): Promise<string> {
  const programme = await store.programmes.findBySlug('staff-voice');
  const q = await store.questions.findByKey(programme?.id as string, 'q-open');
  await openQuestion(deps, q?.id as string);
  const post = fake.messagesIn(fake.channelId('staffroom')).find((m) => m.from.bot);
  if (!post) throw new Error('the question was not posted in Teams');
  return post.id;
}

it('records a reply in the question thread as a response, once kept', async () => {
  const rootId = await openedQuestionPost();
  const { answer } = await fake.userPosts({
    channel: fake.channelId('staffroom'),
    user: 'alice',
    text: 'Fewer meetings.',
    rootId,
  });
  expect(answer.status).toBe(200);
  const programme = await store.programmes.findBySlug('staff-voice');
  const q = await store.questions.findByKey(programme?.id as string, 'q-open');
  const responses = await eventually(async () => {
    const found = await store.responses.listByQuestion(q?.id as string, {});
    expect(found).toHaveLength(1);
    return found;
  });
  expect(responses[0]?.body).toBe('Fewer meetings.');
});

it('refuses an activity with no token or a forged one with 401, and stores nothing', async () => {
  const rootId = await openedQuestionPost();
  const { activity } = await fake.userPosts({
    channel: fake.channelId('staffroom'),
    user: 'bob',
    text: 'first',
    rootId,
  });
  const forged = { ...activity, id: `${Date.now() + 5}`, text: 'forged' };
  expect((await fake.deliver(forged, null)).status).toBe(401);
  expect((await fake.deliver(forged, 'not.a.token')).status).toBe(401);
  const programme = await store.programmes.findBySlug('staff-voice');
  const q = await store.questions.findByKey(programme?.id as string, 'q-open');
  const bodies = await eventually(async () => {
    const found = await store.responses.listByQuestion(q?.id as string, {});
    expect(found).toHaveLength(1);
    return found.map((r) => r.body);
  });
  expect(bodies).toEqual(['first']);
});

it('answers a vote pressed on a card that has just closed with the refusal, never a confirmation', async () => {
  const programme = await store.programmes.findBySlug('staff-voice');
  const q = await store.questions.findByKey(programme?.id as string, 'q-single');
  await openQuestion(deps, q?.id as string);
  const post = fake.messagesIn(fake.channelId('staffroom')).find((m) => m.from.bot);
  const asShown = cardOf(post);
  await closeQuestion(deps, q?.id as string);
  await eventually(async () => expect(actionsOf(cardOf(fake.message(post?.id as string)))).toEqual([]));
  const answer = await fake.userPresses({ messageId: post?.id as string, user: 'bob', title: 'No', asShown });
  expect(answer.body?.value).toMatch(/closed/i);
  expect(answer.body?.value).not.toMatch(/vote is in/i);
  expect(await store.votes.listByQuestion(q?.id as string)).toEqual([]);
});
