import { type APIMessage, ChannelType, ComponentType, InteractionResponseType, MessageFlags } from 'discord.js';
import { encodeCustomId, selectId, voteButtonId } from '../../adapters/discord/custom-ids.ts';
import { createDiscordAdapter, type DiscordAdapter } from '../../adapters/discord/index.ts';
import { messageRef, parseMessageRef, parseThreadRef } from '../../adapters/discord/refs.ts';
import { registerSlashCommands } from '../../adapters/discord/transport/register-commands.ts';
import { openStore, type PrismaStore } from '../../adapters/prisma/prisma-store.ts';
import type { CommandRegistry } from '../../src/core/commands/command-registry.ts';
import { createCommandRegistry } from '../../src/core/commands/default-commands.ts';
import { type Consultation, createConsultation } from '../../src/core/consultation/consultation.ts';
import { PlatformRegistry } from '../../src/core/consultation/deps.ts';
import { loadProgramme } from '../../src/core/consultation/load-programme.ts';
import { openQuestion } from '../../src/core/consultation/open-question.ts';
import { InboundPipeline } from '../../src/core/inbound/pipeline.ts';
import { systemClock } from '../../src/core/ports/clock.ts';
import type { QuestionRecord } from '../../src/core/records.ts';
import type { ChannelAddress } from '../../src/core/types.ts';
import type { DealtStatementView, PlatformDriver } from '../contract/platform-driver.ts';
import { eventually } from '../contract/platform-suite.ts';
import { defaultGuilds, defaultIds } from '../fakes/discord/default-world.ts';
import {
  type Dispatch,
  type FakeDiscord,
  type FakeDiscordOptions,
  type InteractionHandle,
  startFakeDiscord,
} from '../fakes/discord/index.ts';
import type { GuildSeed, UserSeed } from '../fakes/discord/options.ts';
import { sqliteDatabase } from './databases.ts';
import { programmeDefinition } from './programme-fixture.ts';
import { RecordingLogger } from './recording-logger.ts';

/** The default world's guild and its #general, where the fixture programme's `staffroom` is posted. */
export const DISCORD_STAFFROOM: ChannelAddress = {
  platform: 'discord',
  workspaceId: defaultIds.guild,
  channelId: defaultIds.general,
};

/** A channel of the contract world where the fixture programme's `organisers` is posted (statements for review). */
export const DISCORD_ORGANISERS: ChannelAddress = {
  platform: 'discord',
  workspaceId: defaultIds.guild,
  channelId: '1100000000000000025',
};

export const organiserRoleId = '1100000000000000003';

/**
 * The contract suite names people (alice, bob, carol, olive, and dealt, reader, author, head for statements) and
 * checks that a stored author's platform id contains the name, so in this world the people's ids are their names.
 * The guild, its roles and channels are the default world's, with an #organisers channel, except that the guild
 * belongs to someone else (an owner may do everything, and alice must be a plain participant here) and olive and
 * head hold the Organiser role.
 */
export function contractWorld(): FakeDiscordOptions {
  const [guild] = defaultGuilds as [GuildSeed];
  const users: UserSeed[] = [
    { id: 'alice', username: 'alice', globalName: 'Alice' },
    { id: 'bob', username: 'bob', globalName: 'Bob' },
    { id: 'carol', username: 'carol', globalName: 'Carol', acceptsDirectMessages: false },
    { id: 'olive', username: 'olive', globalName: 'Olive' },
    { id: 'owner', username: 'owner', globalName: 'Owner' },
    ...['dealt', 'reader', 'author', 'head'].map((id) => ({ id, username: id, globalName: id.toUpperCase() })),
  ];
  return {
    users,
    guilds: [
      {
        ...guild,
        ownerId: 'owner',
        roles: [...(guild.roles ?? []), { id: organiserRoleId, name: 'Organiser', permissions: 0n }],
        members: [
          { userId: 'alice', roleIds: [defaultIds.moderatorRole] },
          { userId: 'bob' },
          { userId: 'carol' },
          { userId: 'olive', roleIds: [organiserRoleId] },
          { userId: 'owner' },
          { userId: 'dealt' },
          { userId: 'reader' },
          { userId: 'author' },
          { userId: 'head', roleIds: [organiserRoleId] },
        ],
        channels: [
          ...guild.channels,
          { type: ChannelType.GuildText, id: DISCORD_ORGANISERS.channelId, name: 'organisers' },
        ],
      },
    ],
  };
}

export interface DiscordHarness {
  fake: FakeDiscord;
  adapter: DiscordAdapter;
  store: PrismaStore;
  logger: RecordingLogger;
  deps: PlatformDriver['deps'];
  /** The inbound pipeline the adapter submits to, as the composition root creates it. */
  pipeline: InboundPipeline;
  /** What the adapter is given of the core; a test may wrap it (to hold a submission, or to fail it). */
  consultation: Consultation;
  listedOrganisers: Set<string>;
  /** What became of each message event, in the order the adapter finished them (its IngestObserver). */
  ingested: { kind: string; messageId: string; outcome: string }[];
  /** Loads the fixture programme again, with these top-level overrides, into the same channels. */
  reloadProgramme(overrides: Record<string, unknown>): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A fake Discord, the real discord.js client inside the real adapter, the real core and a real SQLite store with
 * the fixture programme loaded; `staffroom` is mapped to #general, `organisers` to `organisersChannel` if given.
 */
export async function discordHarness(
  options: {
    world?: FakeDiscordOptions;
    staffroom?: ChannelAddress;
    organisersChannel?: ChannelAddress;
    programme?: Record<string, unknown>;
    registry?: CommandRegistry;
    /** Wraps what the adapter is given of the core (to watch or hold its submissions). */
    wrap?: (consultation: Consultation) => Consultation;
  } = {},
): Promise<DiscordHarness> {
  const fake = await startFakeDiscord({ heartbeatIntervalMs: 5000, ...options.world });
  const database = sqliteDatabase();
  const store = await openStore(database.url);
  const logger = new RecordingLogger();
  const platforms = new PlatformRegistry();
  const deps = { store, clock: systemClock, logger, platforms };
  const listedOrganisers = new Set<string>();
  const ingested: DiscordHarness['ingested'] = [];
  const pipeline = new InboundPipeline({
    inbox: store.inbox,
    deps,
    worker: 'discord-test',
    tuning: { refreshDelayMs: 20, pollMs: 50 },
  });
  const created = createConsultation(deps, pipeline);
  const consultation = options.wrap ? options.wrap(created) : created;
  const adapter = createDiscordAdapter({
    config: {
      token: fake.token,
      applicationId: fake.applicationId,
      apiUrl: fake.apiUrl,
      organiserRole: 'Organiser',
    },
    consultation,
    registry: options.registry ?? createCommandRegistry(null),
    isOrganiser: (userId) => listedOrganisers.has(userId),
    logger,
    observe: (event) => ingested.push(event),
    tuning: { readyTimeoutMs: 10_000 },
  });
  platforms.register(adapter.platform);
  const staffroom = options.staffroom ?? DISCORD_STAFFROOM;
  const reloadProgramme = async (overrides?: Record<string, unknown>) => {
    await loadProgramme(store, programmeDefinition(overrides), 'fixture', {
      directory: (placeholder) =>
        placeholder === 'staffroom'
          ? [staffroom]
          : placeholder === 'organisers' && options.organisersChannel
            ? [options.organisersChannel]
            : [],
    });
  };
  await reloadProgramme(options.programme);
  await adapter.start();
  await pipeline.start();
  await registerSlashCommands(
    (adapter.client as NonNullable<DiscordAdapter['client']>).rest,
    fake.applicationId,
    defaultIds.guild,
  );
  return {
    fake,
    adapter,
    store,
    logger,
    deps,
    pipeline,
    consultation,
    listedOrganisers,
    ingested,
    reloadProgramme,
    async stop() {
      await pipeline.stop();
      await adapter.stop();
      await fake.stop();
      await store.close();
      await database.drop();
    },
  };
}

/** A message as a reader sees it: its text, and its embeds' author, title, description, fields and footer. */
/** Opens the fixture's open question `q-open` through the core and finds where Discord shows it. */
export async function openedOpenQuestion(h: DiscordHarness): Promise<{
  q: QuestionRecord;
  at: NonNullable<ReturnType<typeof parseMessageRef>>;
  threadId: string;
}> {
  const programme = await h.store.programmes.findBySlug('staff-voice');
  const q = await h.store.questions.findByKey(programme?.id as string, 'q-open');
  if (!q) throw new Error('no question q-open');
  const opened = await openQuestion(h.deps, q.id);
  if (opened.failed.length > 0) throw new Error(`q-open could not be posted: ${JSON.stringify(opened.failed)}`);
  const [posting] = await h.store.postings.listByQuestion(q.id);
  const at = parseMessageRef(posting?.messageRef);
  const thread = parseThreadRef(posting?.threadRef);
  if (!at || !thread) throw new Error('q-open was not posted');
  return { q, at, threadId: thread.threadId };
}

export function messageText(message: APIMessage | undefined): string {
  if (!message) return '';
  const embeds = (message.embeds ?? []).flatMap((embed) => [
    embed.author?.name,
    embed.title,
    embed.description,
    ...(embed.fields ?? []).map((field) => `${field.name}: ${field.value}`),
    embed.footer?.text,
  ]);
  return [message.content, ...embeds].filter(Boolean).join('\n');
}

const isEphemeral = (message: APIMessage) => ((message.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
const isLoading = (message: APIMessage | undefined) => ((message?.flags ?? 0) & MessageFlags.Loading) !== 0;

/** What a person was shown in answer to an interaction: the reply, once a deferral has been filled in. */
export async function shownInAnswer(handle: InteractionHandle): Promise<string> {
  const callback = await handle.response();
  if (callback.type === 9) return '';
  await eventually(async () => {
    if (isLoading(handle.originalMessage())) throw new Error('still deferred');
  });
  return messageText(handle.originalMessage());
}

/** The custom_id of the button a person finds on a message by its label. */
function buttonLabelled(message: APIMessage | undefined, label: string): string | undefined {
  for (const { components } of (message?.components ?? []) as { components?: Record<string, unknown>[] }[]) {
    const found = components?.find((c) => c.type === ComponentType.Button && c.label === label);
    if (found) return found.custom_id as string;
  }
  return undefined;
}

/** A dealt card as the person reads it: the statement is the quoted line, while Agree is there to press. */
function dealtView(message: APIMessage | undefined): DealtStatementView {
  const shown = messageText(message);
  const quoted = shown.split('\n').find((line) => line.startsWith('> '));
  return { statement: buttonLabelled(message, 'Agree') && quoted ? quoted.slice(2) : null, shown };
}

/** A control on a private card or review message pressed, and the message once the bot has updated it. */
async function pressed(fake: FakeDiscord, handle: InteractionHandle, messageId: string): Promise<APIMessage> {
  const before = fake.message(messageId);
  const callback = await handle.response();
  if (callback.type === InteractionResponseType.DeferredMessageUpdate) {
    await eventually(async () => {
      if (fake.message(messageId)?.edited_timestamp === before?.edited_timestamp) throw new Error('not updated yet');
    });
  }
  return fake.message(messageId) as APIMessage;
}

/** The PlatformDriver of the contract suite, for Discord. */
export async function discordDriver(): Promise<PlatformDriver> {
  const harness = await discordHarness({ world: contractWorld(), organisersChannel: DISCORD_ORGANISERS });
  const { fake, store, listedOrganisers } = harness;
  let lastReply: Dispatch | undefined;
  /** The card each person was dealt last: the ephemeral message whose Agree, Disagree and Pass they press. */
  const dealtCards = new Map<string, string>();

  const question = async (key: string) => {
    const programme = await store.programmes.findBySlug('staff-voice');
    const q = await store.questions.findByKey(programme?.id as string, key);
    if (!q) throw new Error(`no question ${key}`);
    return q;
  };
  const posting = async (key: string) => {
    const [found] = await store.postings.listByQuestion((await question(key)).id);
    if (!found) throw new Error(`question ${key} is not posted`);
    return found;
  };
  const postedMessage = async (key: string) => {
    const at = parseMessageRef((await posting(key)).messageRef);
    const message = at && fake.message(at.messageId);
    if (!at || !message) throw new Error(`question ${key} has no message on Discord`);
    return message;
  };

  /**
   * A click on the question's controls. Closing disables them; a click that Discord accepted while the poll was
   * still open can still reach Agora after it closed, so that click is made on the message as it was before.
   */
  const click = async (key: string, customId: string, userId: string): Promise<InteractionHandle> => {
    const message = await postedMessage(key);
    try {
      return fake.userClicksButton({ customId, userId, messageId: message.id });
    } catch (error) {
      if (!/disabled/.test(String(error))) throw error;
      const enabled = JSON.parse(JSON.stringify(message).replaceAll('"disabled":true', '"disabled":false'));
      fake.world.messages.set(message.id, enabled);
      try {
        return fake.userClicksButton({ customId, userId, messageId: message.id });
      } finally {
        fake.world.messages.set(message.id, message);
      }
    }
  };

  return {
    deps: harness.deps,
    async postedQuestion(questionKey) {
      const found = await eventually(() => posting(questionKey));
      return {
        messageRef: found.messageRef,
        threadRef: found.threadRef,
        text: messageText(await postedMessage(questionKey)),
      };
    },
    async userReplies({ questionKey, user, text, replyTo }) {
      const thread = parseThreadRef((await posting(questionKey)).threadRef);
      if (!thread) throw new Error(`question ${questionKey} has no thread`);
      const replyToId = replyTo ? parseMessageRef(replyTo)?.messageId : undefined;
      const sent = fake.userSendsMessage({
        channelId: thread.threadId,
        userId: user,
        content: text,
        ...(replyToId && { replyTo: replyToId }),
      });
      lastReply = sent.dispatch;
      return { messageRef: messageRef(thread.guildId, thread.threadId, sent.message.id) };
    },
    async userEdits({ messageRef: ref, text }) {
      fake.userEditsMessage({ messageId: parseMessageRef(ref)?.messageId as string, content: text });
    },
    async userDeletes({ messageRef: ref }) {
      fake.userDeletesMessage({ messageId: parseMessageRef(ref)?.messageId as string });
    },
    async redeliverLastReply() {
      if (!lastReply) throw new Error('no reply has been posted');
      // Resolves once the adapter has finished with the second delivery, whatever it made of it.
      const messageId = (lastReply.d as { id: string }).id;
      const seen = () => harness.ingested.filter((e) => e.kind === 'create' && e.messageId === messageId).length;
      const before = seen();
      fake.replay(lastReply);
      await eventually(async () => {
        if (seen() <= before) throw new Error('the delivery has not been handled yet');
      });
    },
    async userVotes({ questionKey, user, choice }) {
      const q = await question(questionKey);
      const keys = (await store.questions.options(q.id)).map((o) => o.key);
      if (q.kind === 'single_choice') {
        await shownInAnswer(await click(questionKey, voteButtonId(q.id, '', choice[0] as string, keys), user));
      } else if (q.kind === 'multi_choice') {
        const message = await postedMessage(questionKey);
        await shownInAnswer(
          fake.userSelects({ customId: selectId(q.id, '', keys), values: choice, userId: user, messageId: message.id }),
        );
      } else if (q.kind === 'ranked') {
        const opened = await click(questionKey, encodeCustomId({ kind: 'rank', questionId: q.id }), user);
        await shownInAnswer(opened);
        let flow = opened.originalMessage() as APIMessage;
        const picked: number[] = [];
        for (const key of choice) {
          const step = fake.userSelects({
            customId: encodeCustomId({ kind: 'rank-step', questionId: q.id, picked }),
            values: [String(keys.indexOf(key))],
            userId: user,
            messageId: flow.id,
          });
          await step.response();
          picked.push(keys.indexOf(key));
          flow = fake.message(flow.id) as APIMessage;
        }
        if (picked.length < keys.length) {
          const save = fake.userClicksButton({
            customId: encodeCustomId({ kind: 'rank-save', questionId: q.id, picked }),
            userId: user,
            messageId: flow.id,
          });
          await save.response();
        }
      } else {
        throw new Error(`the Discord driver votes on choice polls, not ${q.kind}`);
      }
    },
    async userAnswersPrivately({ questionKey, user, text }) {
      const q = await question(questionKey);
      const opened = await click(questionKey, encodeCustomId({ kind: 'answer', questionId: q.id }), user);
      await opened.response();
      const submitted = fake.userSubmitsModal({
        customId: encodeCustomId({ kind: 'answer', questionId: q.id }),
        fields: { answer: text },
        userId: user,
      });
      await shownInAnswer(submitted);
    },
    async userRunsCommand({ user, text, organiser }) {
      if (organiser) listedOrganisers.add(user);
      return shownInAnswer(
        fake.userRunsSlashCommand({ ...slashCommandFor(text), userId: user, channelId: defaultIds.general }),
      );
    },
    async privateNoticesTo(user) {
      const dms = [...fake.world.channels.values()]
        .filter((c) => c.data.type === ChannelType.DM && c.data.recipients?.[0]?.id === user)
        .map((c) => c.data.id);
      return [...fake.world.messages.values()]
        .filter(
          (m) =>
            (isEphemeral(m) && m.interaction_metadata?.user.id === user) ||
            (dms.includes(m.channel_id) && m.author.id === fake.applicationId),
        )
        .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1))
        .map(messageText);
    },
    async userAddsStatement({ questionKey, user, text }) {
      const q = await question(questionKey);
      const customId = encodeCustomId({ kind: 'add-statement', questionId: q.id });
      const opened = await click(questionKey, customId, user);
      if ((await opened.response()).type !== InteractionResponseType.Modal) return;
      await shownInAnswer(fake.userSubmitsModal({ customId, fields: { statement: text }, userId: user }));
    },
    async userAsksForStatement({ questionKey, user }) {
      const q = await question(questionKey);
      const asked = await click(questionKey, encodeCustomId({ kind: 'deal', questionId: q.id }), user);
      await shownInAnswer(asked);
      const card = asked.originalMessage();
      if (card) dealtCards.set(user, card.id);
      return dealtView(card);
    },
    async userAnswersStatement({ user, vote }) {
      const cardId = dealtCards.get(user);
      const customId = buttonLabelled(cardId ? fake.message(cardId) : undefined, STANCE_LABELS[vote]);
      if (!cardId || !customId) throw new Error(`${user} has no statement card to answer`);
      const press = fake.userClicksButton({ customId, userId: user, messageId: cardId });
      const next = await pressed(fake, press, cardId);
      // The person is told what their vote was once the core has applied it.
      await press.followUp(0, 5000);
      return dealtView(next);
    },
    async userAsksWhereTheyStand({ user }) {
      const cardId = dealtCards.get(user);
      const customId = buttonLabelled(cardId ? fake.message(cardId) : undefined, 'Where do I stand');
      if (!cardId || !customId) throw new Error(`${user} has no statement card with "Where do I stand"`);
      return shownInAnswer(fake.userClicksButton({ customId, userId: user, messageId: cardId }));
    },
    async organiserReviewsStatement({ user, text, decision }) {
      const label = decision === 'approve' ? 'Approve' : 'Reject';
      const review = await eventually(async () => {
        const found = fake
          .messagesIn(DISCORD_ORGANISERS.channelId)
          .find((m) => messageText(m).includes(text) && buttonLabelled(m, label));
        if (!found) throw new Error(`no statement "${text}" awaits review`);
        return found;
      });
      const customId = buttonLabelled(review, label) as string;
      await pressed(fake, fake.userClicksButton({ customId, userId: user, messageId: review.id }), review.id);
    },
    async reviewCard(text) {
      const card = fake.messagesIn(DISCORD_ORGANISERS.channelId).find((m) => messageText(m).includes(text));
      if (!card) throw new Error(`no review card for "${text}"`);
      const rows = (card.components ?? []) as { components?: { type: number; label?: string }[] }[];
      const buttons = rows.flatMap((r) => r.components ?? []).filter((c) => c.type === ComponentType.Button);
      return { shown: messageText(card), buttons: buttons.map((b) => b.label ?? '') };
    },
    async userProposesStatement({ messageRef: ref, user, text, organiser }) {
      if (organiser) listedOrganisers.add(user);
      const messageId = parseMessageRef(ref)?.messageId as string;
      const used = fake.userRunsMessageCommand({ name: 'Propose as a statement', userId: user, messageId });
      const answer = await used.response();
      if (answer.type !== InteractionResponseType.Modal) {
        await shownInAnswer(used);
        return { prefilled: null };
      }
      const modal = answer.data as { custom_id: string; components: { component?: { value?: string } }[] };
      const prefilled = modal.components.find((c) => c.component)?.component?.value ?? '';
      const fields: Record<string, string> = text === undefined ? {} : { statement: text };
      await shownInAnswer(fake.userSubmitsModal({ customId: modal.custom_id, fields, userId: user }));
      return { prefilled };
    },
    async reviewRequestText(text) {
      return eventually(async () => {
        const found = fake.messagesIn(DISCORD_ORGANISERS.channelId).find((m) => messageText(m).includes(text));
        if (!found) throw new Error(`no statement "${text}" in the organisers' channel`);
        return messageText(found);
      });
    },
    reloadProgramme: (overrides) => harness.reloadProgramme(overrides),
    async linkedMessage(link) {
      const at = /^https:\/\/discord\.com\/channels\/(\d+)\/(\d+)\/(\d+)$/.exec(link);
      if (!at) return null;
      const channel = fake.world.channels.get(at[2] as string);
      const guild = channel && 'guild_id' in channel.data ? channel.data.guild_id : undefined;
      if (guild !== at[1]) return null;
      try {
        return messageText(fake.world.messageIn(at[2] as string, at[3] as string));
      } catch {
        return null;
      }
    },
    async refuseStaffroom() {
      const channel = fake.world.channels.get(DISCORD_STAFFROOM.channelId);
      if (channel) channel.access = 'read-only';
    },
    async organiserChannelMessages() {
      return fake.messagesIn(DISCORD_ORGANISERS.channelId).map(messageText);
    },
    async currentQuestionText(questionKey) {
      return messageText(await postedMessage(questionKey));
    },
    stop: () => harness.stop(),
  };
}

const STANCE_LABELS = { agree: 'Agree', disagree: 'Disagree', pass: 'Pass' } as const;

/** `/agora <text>` as a person would run it in Discord: the matching subcommand and options, or `/agora run`. */
export function slashCommandFor(text: string): {
  name: string;
  subcommand: string;
  options?: Record<string, string | boolean>;
} {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const [first = 'help', second] = words;
  const rest = words.slice(1).join(' ');
  const one = (option: string) => (words.length === 2 ? { options: { [option]: second as string } } : undefined);
  switch (first) {
    case 'help':
    case 'status':
      if (words.length === 1) return { name: 'agora', subcommand: first };
      break;
    case 'mydata': {
      const action = words.slice(1).join(' ');
      if (['', 'delete', 'delete confirm'].includes(action)) {
        return { name: 'agora', subcommand: 'mydata', ...(action && { options: { action } }) };
      }
      break;
    }
    case 'remind': {
      const options = one('target');
      if (options) return { name: 'agora', subcommand: 'remind', ...options };
      break;
    }
    case 'open':
    case 'close': {
      const options = one('question');
      if (options) return { name: 'agora', subcommand: first, ...options };
      break;
    }
  }
  return { name: 'agora', subcommand: 'run', options: { command: rest ? `${first} ${rest}` : first } };
}
