import { readFileSync } from 'node:fs';
import { HttpServer } from '../../adapters/http/server.ts';
import { openStore } from '../../adapters/prisma/prisma-store.ts';
import { createTeamsAdapter, TEAMS_ROUTE } from '../../adapters/teams/index.ts';
import { parseTeamsRef, teamsRef } from '../../adapters/teams/refs.ts';
import type { CommandRegistry } from '../../src/core/commands/command-registry.ts';
import { createCommandRegistry } from '../../src/core/commands/default-commands.ts';
import { createConsultation } from '../../src/core/consultation/consultation.ts';
import { PlatformRegistry } from '../../src/core/consultation/deps.ts';
import { loadProgramme } from '../../src/core/consultation/load-programme.ts';
import { InboundPipeline } from '../../src/core/inbound/pipeline.ts';
import type { ChatPlatform } from '../../src/core/ports/chat-platform.ts';
import type { ChannelAddress } from '../../src/core/types.ts';
import type { DealtStatementView, PlatformDriver } from '../contract/platform-driver.ts';
import { eventually } from '../contract/platform-suite.ts';
import {
  actionsOf,
  type BotAnswer,
  cardOf,
  type FakeTeams,
  readableText,
  type StoredMessage,
  startFakeTeams,
} from '../fakes/teams/index.ts';
import { sqliteDatabase } from './databases.ts';
import { programmeDefinition } from './programme-fixture.ts';
import { RecordingLogger } from './recording-logger.ts';

const MANIFEST = new URL('../../adapters/teams/manifest/manifest.json', import.meta.url);
const STANCE_LABELS = { agree: 'Agree', disagree: 'Disagree', pass: 'Pass' } as const;

type Card = Record<string, unknown>;

/** A dealt card as the person reads it: the statement is its large line, while Agree is there to press. */
function dealtView(message: StoredMessage | undefined): DealtStatementView {
  const card = cardOf(message);
  const statement = ((card?.body as Card[] | undefined) ?? []).find((e) => e.id === 'statement')?.text;
  const canVote = actionsOf(card).some((a) => a.title === 'Agree');
  return { statement: canVote && typeof statement === 'string' ? statement : null, shown: readableText(message) };
}

/** The Teams driver, with the fake Teams it drives and the clock the core and the adapter read. */
export interface TeamsDriver extends PlatformDriver {
  readonly fake: FakeTeams;
  /** Moves the clock on, as if that much time had passed. */
  passTime(ms: number): void;
}

/**
 * The PlatformDriver of the contract suite, for Microsoft Teams: the real adapter (@microsoft/agents-hosting) on
 * Agora's HTTP server, the fake Bot Connector signing what it delivers, the real core and a real SQLite store.
 * `staffroom` is a channel of the fake team, `organisers` another; people's Entra object ids hold their names, and
 * head (with anyone a scenario runs as an organiser) is listed in ORGANISERS.
 */
export async function teamsDriver(
  options: {
    /** Other platforms the same core shows `staffroom` on, each with its channel there (cross-platform scenarios). */
    alsoOn?: { platform: ChatPlatform; staffroom: ChannelAddress }[];
    /** The commands Agora answers (the default set when not given). */
    registry?: CommandRegistry;
  } = {},
): Promise<TeamsDriver> {
  const fake = await startFakeTeams({ manifest: JSON.parse(readFileSync(MANIFEST, 'utf8')) });
  const database = sqliteDatabase();
  const store = await openStore(database.url);
  const logger = new RecordingLogger();
  const platforms = new PlatformRegistry();
  let timePassed = 0;
  const clock = { now: () => new Date(Date.now() + timePassed) };
  const deps = { store, clock, logger, platforms };
  const pipeline = new InboundPipeline({
    inbox: store.inbox,
    deps,
    worker: 'teams-test',
    tuning: { refreshDelayMs: 20, pollMs: 50 },
  });
  const organisers = new Set([fake.world.person('head').aadObjectId]);
  const adapter = createTeamsAdapter({
    config: {
      appId: fake.appId,
      appPassword: fake.appPassword,
      tenantId: fake.tenantId,
      authority: fake.authority,
      serviceUrl: fake.serviceUrl,
    },
    consultation: createConsultation(deps, pipeline),
    registry: options.registry ?? createCommandRegistry(null),
    isOrganiser: (userId) => organisers.has(userId),
    logger,
  });
  platforms.register(adapter.platform);
  for (const other of options.alsoOn ?? []) platforms.register(other.platform);
  const channel = (name: string) => ({
    platform: 'teams' as const,
    workspaceId: fake.tenantId,
    channelId: fake.channelId(name),
  });
  const staffroom = channel('staffroom');
  const organisersChannel = channel('organisers');
  const reloadProgramme = (overrides: Record<string, unknown> = {}) =>
    loadProgramme(store, programmeDefinition(overrides), 'fixture', {
      directory: (p) =>
        p === 'staffroom'
          ? [staffroom, ...(options.alsoOn ?? []).map((other) => other.staffroom)]
          : p === 'organisers'
            ? [organisersChannel]
            : [],
    }).then(() => undefined);
  await reloadProgramme();
  const http = new HttpServer(logger);
  http.mount(TEAMS_ROUTE, adapter.handler);
  const port = await http.listen(0, '127.0.0.1');
  fake.setBotEndpoint(`http://127.0.0.1:${port}${TEAMS_ROUTE}`);
  await pipeline.start();

  let lastReply: Record<string, unknown> | undefined;
  /** Each card as the people last saw it with its buttons: a press can reach Agora after the card was updated. */
  const seenCards = new Map<string, Card>();
  /** The card each person was dealt last, in their 1:1 chat with Agora. */
  const dealtCards = new Map<string, string>();

  const question = async (key: string) => {
    const programme = await store.programmes.findBySlug('staff-voice');
    const q = await store.questions.findByKey(programme?.id as string, key);
    if (!q) throw new Error(`no question ${key}`);
    return q;
  };
  const postedMessage = async (key: string): Promise<StoredMessage> => {
    const [posting] = await store.postings.listByQuestion((await question(key)).id);
    const message = fake.message(parseTeamsRef(posting?.messageRef)?.messageId ?? '');
    if (!message) throw new Error(`question ${key} is not posted in Teams`);
    return message;
  };
  /** A person presses a button by its title, on the card as their client shows it. */
  const press = async (messageId: string, user: string, title: string, inputs?: Record<string, string>) => {
    const current = cardOf(fake.message(messageId));
    if (actionsOf(current).some((a) => a.title === title)) {
      seenCards.set(messageId, current as Card);
      return fake.userPresses({ messageId, user, title, ...(inputs && { inputs }) });
    }
    const seen = seenCards.get(messageId);
    return fake.userPresses({ messageId, user, title, ...(inputs && { inputs }), ...(seen && { asShown: seen }) });
  };
  const chatMessages = (user: string) => fake.personalChat(user).filter((m) => m.from.bot);
  const newestCardIn = (user: string) =>
    fake
      .personalChat(user)
      .filter((m) => m.from.bot && cardOf(m))
      .at(-1);
  const reviewMessage = (text: string, button?: string) =>
    fake
      .messagesIn(organisersChannel.channelId)
      .find((m) => readableText(m).includes(text) && (!button || actionsOf(cardOf(m)).some((a) => a.title === button)));
  const dialogInput = (fetched: BotAnswer, id: string) => {
    const body = (fake.dialogOf(fetched)?.body as Card[] | undefined) ?? [];
    const input = body.find((e) => e.id === id);
    return typeof input?.value === 'string' ? input.value : '';
  };

  return {
    deps,
    fake,
    passTime(ms) {
      timePassed += ms;
    },
    async postedQuestion(questionKey) {
      const [posting] = await eventually(async () => {
        const found = await store.postings.listByQuestion((await question(questionKey)).id);
        if (found.length === 0) throw new Error(`question ${questionKey} is not posted`);
        return found;
      });
      return {
        messageRef: posting?.messageRef as string,
        threadRef: posting?.threadRef ?? null,
        text: readableText(await postedMessage(questionKey)),
      };
    },
    async userReplies({ questionKey, user, text, replyTo }) {
      const post = await postedMessage(questionKey);
      const quote = replyTo ? parseTeamsRef(replyTo)?.messageId : undefined;
      const { message, activity } = await fake.userPosts({
        channel: staffroom.channelId,
        user,
        text,
        rootId: post.id,
        ...(quote && { quote }),
      });
      lastReply = activity;
      return {
        messageRef: teamsRef({ tenantId: fake.tenantId, channelId: staffroom.channelId, messageId: message.id }),
      };
    },
    async userEdits({ messageRef, text }) {
      await fake.userEdits({ messageId: parseTeamsRef(messageRef)?.messageId as string, text });
    },
    async userDeletes({ messageRef }) {
      await fake.userDeletes({ messageId: parseTeamsRef(messageRef)?.messageId as string });
    },
    async redeliverLastReply() {
      if (!lastReply) throw new Error('no reply has been posted');
      // The bot answers a delivery only once it has handled it, so the answer is the condition waited on.
      const answer = await fake.replay(lastReply);
      if (answer.status !== 200) throw new Error(`the redelivery was answered ${answer.status}`);
    },
    async userVotes({ questionKey, user, choice }) {
      const q = await question(questionKey);
      const options = await store.questions.options(q.id);
      const post = await postedMessage(questionKey);
      if (q.kind === 'single_choice') {
        const label = options.find((o) => o.key === choice[0])?.label as string;
        await press(post.id, user, label);
      } else if (q.kind === 'multi_choice') {
        await press(post.id, user, 'Submit choices', { choices: choice.join(',') });
      } else if (q.kind === 'ranked') {
        await press(post.id, user, 'Save ranking', Object.fromEntries(choice.map((key, i) => [`rank-${i + 1}`, key])));
      } else {
        throw new Error(`the Teams driver votes on choice polls, not ${q.kind}`);
      }
    },
    async userAnswersPrivately({ questionKey, user, text }) {
      const post = await postedMessage(questionKey);
      const fetched = await press(post.id, user, 'Answer privately');
      await fake.userSubmitsDialog({ fetched, from: post.id, user, inputs: { answer: text } });
    },
    async userRunsCommand({ user, text, organiser }) {
      if (organiser) organisers.add(fake.world.person(user).aadObjectId);
      const before = fake.shownTo(user).length;
      const { message } = await fake.userPosts({ channel: staffroom.channelId, user, text, mentionsBot: true });
      return eventually(async () => {
        const inThread = fake
          .messagesIn(staffroom.channelId)
          .filter((m) => m.rootId === message.id && m.id !== message.id && m.from.bot);
        const shown = [...inThread.map(readableText), ...fake.shownTo(user).slice(before)];
        if (shown.length === 0) throw new Error(`nothing was shown in answer to "${text}"`);
        return shown.join('\n');
      });
    },
    async privateNoticesTo(user) {
      return fake.shownTo(user);
    },
    async userAddsStatement({ questionKey, user, text }) {
      const post = await postedMessage(questionKey);
      const fetched = await press(post.id, user, 'Add a statement');
      if (!fake.dialogOf(fetched)) return;
      await fake.userSubmitsDialog({ fetched, from: post.id, user, inputs: { statement: text } });
    },
    async userAsksForStatement({ questionKey, user }) {
      const post = await postedMessage(questionKey);
      const before = newestCardIn(user)?.id;
      await press(post.id, user, 'Vote on statements');
      const card = await eventually(async () => {
        const found = newestCardIn(user);
        if (!found || found.id === before) throw new Error(`${user} was dealt nothing`);
        return found;
      });
      dealtCards.set(user, card.id);
      return dealtView(card);
    },
    async userAnswersStatement({ user, vote }) {
      const cardId = dealtCards.get(user);
      if (!cardId) throw new Error(`${user} has no statement card to answer`);
      await press(cardId, user, STANCE_LABELS[vote]);
      // The vote is in the inbox once the press is answered; what the person sees next follows once it is applied.
      await pipeline.drain();
      return dealtView(fake.message(cardId));
    },
    async userAsksWhereTheyStand({ user }) {
      const cardId = dealtCards.get(user);
      if (!cardId) throw new Error(`${user} has no statement card with "Where do I stand"`);
      const before = Number(chatMessages(user).at(-1)?.id ?? 0);
      await press(cardId, user, 'Where do I stand');
      const answer = await eventually(async () => {
        const found = chatMessages(user)
          .filter((m) => Number(m.id) > before && !cardOf(m))
          .at(-1);
        if (!found) throw new Error(`${user} was not told where they stand`);
        return found;
      });
      return readableText(answer);
    },
    async organiserReviewsStatement({ user, text, decision }) {
      const label = decision === 'approve' ? 'Approve' : 'Reject';
      const review = await eventually(async () => {
        const found = reviewMessage(text, label);
        if (!found) throw new Error(`no statement "${text}" awaits review`);
        return found;
      });
      await press(review.id, user, label);
    },
    async reviewCard(text) {
      const card = reviewMessage(text);
      if (!card) throw new Error(`no review card for "${text}"`);
      return { shown: readableText(card), buttons: actionsOf(cardOf(card)).map((a) => a.title) };
    },
    async userProposesStatement({ messageRef, user, text, organiser }) {
      if (organiser) organisers.add(fake.world.person(user).aadObjectId);
      const messageId = parseTeamsRef(messageRef)?.messageId as string;
      const used = await fake.userUsesMessageAction({ messageId, user, title: 'Propose as a statement' });
      if (!fake.dialogOf(used.answer)) return { prefilled: null };
      const prefilled = dialogInput(used.answer, 'statement');
      await fake.userSubmitsDialog({
        fetched: used.answer,
        from: messageId,
        user,
        inputs: text === undefined ? {} : { statement: text },
        messageAction: used.commandId,
      });
      return { prefilled };
    },
    async reviewRequestText(text) {
      return eventually(async () => {
        const found = reviewMessage(text);
        if (!found) throw new Error(`no statement "${text}" in the organisers' channel`);
        return readableText(found);
      });
    },
    reloadProgramme,
    async linkedMessage(link) {
      return fake.opensLink(link);
    },
    async refuseStaffroom() {
      fake.world.refused.add(staffroom.channelId);
    },
    async organiserChannelMessages() {
      return fake.messagesIn(organisersChannel.channelId).map(readableText);
    },
    async currentQuestionText(questionKey) {
      return readableText(await postedMessage(questionKey));
    },
    async stop() {
      await pipeline.stop();
      await http.close();
      await fake.stop();
      await store.close();
      await database.drop();
    },
  };
}
