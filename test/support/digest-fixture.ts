import { openStore, type PrismaStore } from '../../adapters/prisma/prisma-store.ts';
import { castVote } from '../../src/core/consultation/cast-vote.ts';
import { PlatformRegistry } from '../../src/core/consultation/deps.ts';
import { loadProgramme } from '../../src/core/consultation/load-programme.ts';
import { openQuestion } from '../../src/core/consultation/open-question.ts';
import {
  recordDeletion,
  recordEdit,
  recordPrivateAnswer,
  recordResponse,
} from '../../src/core/consultation/record-response.ts';
import { deliverDigest } from '../../src/core/digest/deliver-digest.ts';
import { silentLogger } from '../../src/core/ports/logger.ts';
import type { QuestionRecord } from '../../src/core/records.ts';
import type { ChannelAddress, Platform, PlatformIdentity } from '../../src/core/types.ts';
import { InProcessPlatform } from '../fakes/in-process-platform.ts';
import { TestClock } from './core-harness.ts';
import { sqliteDatabase, type TestDatabase } from './databases.ts';
import { programmeDefinition } from './programme-fixture.ts';

/**
 * The digest tests' fixed data set, built through the core's use cases with a test clock: two weeks of a small
 * consultation on Slack and Discord (2026-W49 and the digest's week, 2026-W50), with named, pseudonymous and
 * anonymous questions, replies, an edit, a deletion, a withdrawn vote, a statement added by a participant, and text
 * that tries formula injection, mentions and markup.
 */

export const PREVIOUS_WEEK = '2026-W49';
export const DIGEST_WEEK = '2026-W50';
export const QUIET_WEEK = '2026-W51';

export const SLACK_STAFF: ChannelAddress = { platform: 'slack', workspaceId: 'T1', channelId: 'C0STAFF' };
export const DISCORD_STAFF: ChannelAddress = { platform: 'discord', workspaceId: '9001', channelId: '9002' };
export const SLACK_ORG: ChannelAddress = { platform: 'slack', workspaceId: 'T1', channelId: 'C0ORG' };

const directory = (placeholder: string): ChannelAddress[] =>
  placeholder === 'staffroom' ? [SLACK_STAFF, DISCORD_STAFF] : placeholder === 'organisers' ? [SLACK_ORG] : [];

export const DIGEST_SECTIONS = [
  {
    id: 'workload',
    title: 'Workload',
    questions: [
      {
        id: 'q-open',
        kind: 'open',
        prompt: 'What would most reduce your workload?',
        opens: '2026-12-01 09:00',
        closes: '2026-12-18 17:00',
      },
      {
        id: 'q-anon',
        kind: 'open',
        prompt: 'What worries you most about your job?',
        anonymity: 'anonymous',
        opens: '2026-12-01 09:00',
      },
      {
        id: 'q-single',
        kind: 'single_choice',
        prompt: 'Is marking policy clear?',
        options: ['Yes', 'No', 'Unsure'],
        opens: '2026-12-01 09:00',
      },
      {
        id: 'q-multi',
        kind: 'multi_choice',
        prompt: 'Which tasks take longest?',
        options: ['Marking', 'Planning', 'Data entry', 'Meetings'],
        max_choices: 2,
        opens: '2026-12-01 09:00',
      },
    ],
  },
  {
    id: 'priorities',
    title: 'Priorities',
    questions: [
      {
        id: 'q-ranked',
        kind: 'ranked',
        prompt: 'Rank these priorities',
        options: ['Pay', 'Time', 'Training'],
        opens: '2026-12-01 09:00',
      },
      {
        id: 'q-likert',
        kind: 'likert',
        prompt: 'How well do we do this today?',
        items: ['Clear goals', 'Good data'],
        anonymity: 'anonymous',
        results: 'on_close',
        opens: '2026-12-01 09:00',
      },
      {
        id: 'q-statements',
        kind: 'statements',
        prompt: 'Agree or disagree?',
        statements: ['Marking takes too long', 'Meetings are useful', '-5% cover is fine'],
        anonymity: 'pseudonymous',
        opens: '2026-12-01 09:00',
      },
    ],
  },
];

const NAMES: Record<string, string> = {
  U01: 'Ada Lovelace',
  U02: 'Brendan Behan',
  U03: 'Chidi Okafor',
  U04: '=cmd|"/C calc"!A0',
  U05: 'Eilidh MacLeod',
  U06: 'Farah Haddad',
  U07: 'Gareth Jones',
  '7001': 'Hana Sato',
  '7002': 'Idris Bello',
  '7003': '@everyone',
};

/** An agree/disagree question nobody may be named on, not even by pseudonym; in the fixture when asked for. */
export const ANONYMOUS_STATEMENTS = {
  id: 'q-anon-statements',
  kind: 'statements',
  prompt: 'Say what you really think',
  statements: ['Leadership listens to staff', 'I would recommend working here'],
  anonymity: 'anonymous',
  opens: '2026-12-01 09:00',
};

export interface DigestFixtureOptions {
  /** Adds ANONYMOUS_STATEMENTS, with votes from both platforms and a statement a participant added. */
  anonymousStatements?: boolean;
}

export async function digestFixture(overrides: Record<string, unknown> = {}, options: DigestFixtureOptions = {}) {
  const database: TestDatabase = sqliteDatabase();
  const store: PrismaStore = await openStore(database.url);
  const slack = new InProcessPlatform('slack');
  const discord = new InProcessPlatform('discord');
  const platforms = new PlatformRegistry();
  platforms.register(slack);
  platforms.register(discord);
  const clock = new TestClock(new Date('2026-12-01T09:00:00Z'));
  const deps = { store, clock, logger: silentLogger, platforms };
  const sections = options.anonymousStatements
    ? [...DIGEST_SECTIONS, { id: 'candour', title: 'Candour', questions: [ANONYMOUS_STATEMENTS] }]
    : DIGEST_SECTIONS;
  await loadProgramme(store, programmeDefinition({ sections, ...overrides }), 'digest-fixture', {
    directory,
  });
  const programme = await store.programmes.findBySlug('staff-voice');
  if (!programme) throw new Error('fixture programme not loaded');
  const questions = await store.questions.listByProgramme(programme.id);
  const question = (key: string): QuestionRecord => {
    const q = questions.find((x) => x.key === key);
    if (!q) throw new Error(`no question ${key}`);
    return q;
  };
  const person = (id: string): PlatformIdentity => ({
    platform: (/^\d+$/.test(id) ? 'discord' : 'slack') as Platform,
    platformUserId: id,
    displayName: NAMES[id] ?? id,
  });
  let n = 0;
  /** Each action a minute after the last, so every row has its own time. */
  const tick = () => {
    clock.advance(60_000);
    n++;
    return clock.now();
  };
  const thread = (key: string, platform: Platform) => {
    const p = platform === 'slack' ? slack : discord;
    const posted = p.posted.find((x) => x.card.questionId === question(key).id);
    if (!posted?.ref.threadRef) throw new Error(`${key} not posted on ${platform}`);
    return posted.ref.threadRef;
  };
  const refOf = (id: string, at: Date) =>
    /^\d+$/.test(id)
      ? `discord:${DISCORD_STAFF.workspaceId}:${DISCORD_STAFF.channelId}:${9_100_000 + n}`
      : `slack:${SLACK_STAFF.workspaceId}:${SLACK_STAFF.channelId}:${Math.floor(at.getTime() / 1000)}.${String(n).padStart(6, '0')}`;
  const say = async (key: string, id: string, body: string, replyTo: string | null = null) => {
    const at = tick();
    const who = person(id);
    const messageRef = refOf(id, at);
    await recordResponse(deps, {
      platform: who.platform,
      containerRef: thread(key, who.platform),
      messageRef,
      author: who,
      body,
      replyToRef: replyTo,
      attachments: [],
      idempotencyKey: messageRef,
      at,
    });
    return messageRef;
  };
  const privately = async (key: string, id: string, body: string) => {
    const at = tick();
    await recordPrivateAnswer(deps, {
      questionId: question(key).id,
      author: person(id),
      body,
      idempotencyKey: `private-${n}`,
      at,
    });
  };
  const vote = async (key: string, id: string, choice: string[] | null, subject = '') => {
    const at = tick();
    await castVote(deps, {
      questionId: question(key).id,
      author: person(id),
      subject,
      choice,
      idempotencyKey: `vote-${n}`,
      at,
    });
  };

  for (const q of questions) await openQuestion(deps, q.id);

  // 2026-W49
  clock.set('2026-12-02T10:00:00Z');
  const fewerMeetings = await say('q-open', 'U01', 'Fewer meetings, and shorter ones.');
  await say('q-open', 'U02', 'Agreed: *half* the meetings could be an e-mail.', fewerMeetings);
  await say('q-open', '7001', 'Stop double data entry between the MIS and spreadsheets.');
  await privately('q-anon', 'U03', 'Being judged on one observation a year.');
  await privately('q-anon', 'U05', 'Cover at short notice.');
  for (const [id, choice] of [
    ['U01', 'yes'],
    ['U02', 'no'],
    ['U03', 'no'],
    ['7001', 'unsure'],
  ] as const)
    await vote('q-single', id, [choice]);
  await vote('q-multi', 'U01', ['marking', 'meetings']);
  await vote('q-multi', 'U02', ['marking']);
  await vote('q-ranked', 'U01', ['time', 'pay', 'training']);
  await vote('q-ranked', 'U02', ['pay', 'time']);
  for (const [id, point] of [
    ['U01', '3'],
    ['U02', '4'],
    ['U03', '1'],
  ] as const)
    await vote('q-likert', id, [point], 'clear-goals');
  await vote('q-statements', 'U01', ['agree'], 's1');
  await vote('q-statements', 'U02', ['disagree'], 's1');
  await vote('q-statements', 'U01', ['pass'], 's2');

  // The scheduler's digest for 2026-W49, kept in the Digest table for the next one to compare with.
  clock.set('2026-12-07T08:00:00Z');
  const previous = await deliverDigest(deps, programme.id, PREVIOUS_WEEK);

  // 2026-W50, the digest's week
  clock.set('2026-12-08T09:30:00Z');
  const longer = await say(
    'q-open',
    'U04',
    '=HYPERLINK("http://evil.example","click") and @everyone <!channel> <@U0123> <@123456789> <script>alert(1)</script> | [x](http://y)',
  );
  await say('q-open', 'U05', '+1 to fewer meetings', fewerMeetings);
  await say('q-open', 'U06', '-2+3 hours of marking a night\nSecond line with # heading', longer);
  await say('q-open', '7002', '@SUM(A1:A9) planning time, please');
  await say('q-open', '7003', '\t=1+1 tabbed');
  const deleted = await say('q-open', 'U07', 'This one is deleted.');
  await recordDeletion(deps, { messageRef: deleted, at: tick() });
  await recordEdit(deps, {
    messageRef: fewerMeetings,
    body: 'Fewer meetings, and shorter ones, please.',
    idempotencyKey: 'edit-1',
    at: tick(),
  });
  await privately('q-anon', 'U06', 'Workload, and nobody asking how we are.');
  for (const [id, choice] of [
    ['U04', 'yes'],
    ['U05', 'yes'],
    ['U06', 'no'],
    ['7002', 'yes'],
    ['7003', 'no'],
  ] as const)
    await vote('q-single', id, [choice]);
  await vote('q-single', 'U02', ['yes']);
  await vote('q-multi', 'U05', ['planning', 'data-entry']);
  await vote('q-multi', '7002', ['marking', 'planning']);
  await vote('q-ranked', 'U05', ['time', 'training', 'pay']);
  await vote('q-ranked', 'U06', ['time', 'pay']);
  await vote('q-ranked', '7002', ['training']);
  for (const [id, point] of [
    ['U04', '3'],
    ['U05', '3'],
    ['U06', '2'],
  ] as const)
    await vote('q-likert', id, [point], 'clear-goals');
  for (const [id, point] of [
    ['U01', '0'],
    ['U05', '1'],
    ['U06', '4'],
  ] as const)
    await vote('q-likert', id, [point], 'good-data');
  const author = await store.participants.upsert(person('U05'));
  clock.advance(60_000);
  const added = await store.questions.addStatement({
    questionId: question('q-statements').id,
    label: 'We need a marking policy @here',
    authorId: author.id,
    status: 'approved',
    createdAt: clock.now(),
  });
  for (const [id, subject, choice] of [
    ['U05', 's1', 'agree'],
    ['U05', 's2', 'disagree'],
    ['U06', 's1', 'agree'],
    ['U06', 's3', 'pass'],
    ['7002', 's2', 'agree'],
    ['U01', added.key, 'agree'],
    ['U06', added.key, 'agree'],
  ] as const)
    await vote('q-statements', id, [choice], subject);
  await vote('q-statements', 'U01', null, 's2');
  if (options.anonymousStatements) {
    const candid = question(ANONYMOUS_STATEMENTS.id).id;
    const writer = await store.participants.upsert(person('U03'));
    clock.advance(60_000);
    const own = await store.questions.addStatement({
      questionId: candid,
      label: 'Workload is shared fairly',
      authorId: writer.id,
      status: 'approved',
      createdAt: clock.now(),
    });
    for (const [id, subject, choice] of [
      ['U01', 's1', 'disagree'],
      ['U02', 's1', 'agree'],
      ['U03', 's2', 'disagree'],
      ['U05', 's1', 'disagree'],
      ['7001', 's2', 'agree'],
      ['7002', own.key, 'disagree'],
      ['U06', own.key, 'pass'],
    ] as const)
      await vote(ANONYMOUS_STATEMENTS.id, id, [choice], subject);
  }

  clock.set('2026-12-14T08:00:00Z');
  return {
    deps,
    store,
    clock,
    slack,
    discord,
    programme,
    question,
    previous,
    async close() {
      await store.close();
      await database.drop();
    },
  };
}

/**
 * Makes a rendered export comparable with its golden file: store ids, pseudonyms, position ids and keys of
 * statements added in chat are random, so they become numbered placeholders in order of appearance.
 */
export function normalise(text: string): string {
  const seen = new Map<string, string>();
  const stable = (kind: string) => (match: string) => {
    let found = seen.get(match);
    if (!found) {
      found = `<${kind}-${[...seen.values()].filter((v) => v.startsWith(`<${kind}-`)).length + 1}>`;
      seen.set(match, found);
    }
    return found;
  };
  return text
    .replace(/\bc[a-z0-9]{24}\b/g, stable('id'))
    .replace(/Participant [0-9A-F]{6}\b/g, stable('pseudonym'))
    .replace(/\bt-[0-9a-f]{14}\b/g, stable('theme'))
    .replace(/\bp\d+-[a-z0-9]{6,}\b/g, stable('statement'));
}
