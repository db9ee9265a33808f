import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { HttpServer } from '../../adapters/http/server.ts';
import { openStore, type PrismaStore } from '../../adapters/prisma/prisma-store.ts';
import { createSlackAdapter, type SlackAdapter, type SlackAdapterConfig } from '../../adapters/slack/index.ts';
import { createCommandRegistry } from '../../src/core/commands/default-commands.ts';
import { createConsultation } from '../../src/core/consultation/consultation.ts';
import { PlatformRegistry } from '../../src/core/consultation/deps.ts';
import { loadProgramme } from '../../src/core/consultation/load-programme.ts';
import { InboundPipeline } from '../../src/core/inbound/pipeline.ts';
import { systemClock } from '../../src/core/ports/clock.ts';
import type { ChannelAddress } from '../../src/core/types.ts';
import type { DealtStatementView, PlatformDriver } from '../contract/platform-driver.ts';
import {
  type FakeSlack,
  type FakeSlackOptions,
  type Interaction,
  type MessageShortcut,
  type StoredMessage,
  startFakeSlack,
  type UserSpec,
} from '../fakes/slack/index.ts';
import { sqliteDatabase } from './databases.ts';
import { programmeDefinition } from './programme-fixture.ts';
import { RecordingLogger } from './recording-logger.ts';

/** The message shortcuts Agora's Slack app declares, read from its manifest as Slack reads it. */
function manifestShortcuts(): MessageShortcut[] {
  const manifest = parse(readFileSync(new URL('../../adapters/slack/manifest.yaml', import.meta.url), 'utf8')) as {
    features?: { shortcuts?: { name: string; type: string; callback_id: string }[] };
  };
  return (manifest.features?.shortcuts ?? [])
    .filter((s) => s.type === 'message')
    .map((s) => ({ name: s.name, callbackId: s.callback_id }));
}

/** The bot events Agora's Slack app subscribes to: Slack sends the directory's events only to apps that do. */
function manifestEvents(): string[] {
  const manifest = parse(readFileSync(new URL('../../adapters/slack/manifest.yaml', import.meta.url), 'utf8')) as {
    settings?: { event_subscriptions?: { bot_events?: string[] } };
  };
  return manifest.settings?.event_subscriptions?.bot_events ?? [];
}

/** A person of the fake workspace: the contract's names ("alice") are part of their Slack ids. */
export const slackUserId = (name: string) => `U_${name}`;
const PEOPLE = ['alice', 'bob', 'carol', 'olive', 'dave', 'dealt', 'author', 'reader', 'head'];
export const TEAM = 'T1';

export interface SlackHarnessOptions {
  mode: 'socket' | 'http';
  /** Channels the `staffroom` placeholder maps to; C_STAFF by default. */
  staffroom?: string[];
  /** Fixture programme overrides (test/support/programme-fixture.ts). */
  programme?: Record<string, unknown>;
  config?: Partial<SlackAdapterConfig>;
  /** Options of the fake Slack, such as its OAuth client or the Enterprise Grid organisation. */
  fake?: Pick<
    FakeSlackOptions,
    'oauth' | 'enterpriseId' | 'httpAckWindowMs' | 'responseUrlLifetimeMs' | 'usersPerPage'
  >;
  /** More people of the workspace, listed by users.list from the start (admins, deactivated people, ...). */
  people?: UserSpec[];
  /** Called once the fake is up and before the adapter starts, to slow or fail what it asks first. */
  beforeStart?: (slack: FakeSlack) => void;
  /** Makes C_STAFF a Slack Connect channel shared with these people of other organisations. */
  guests?: UserSpec[];
}

export interface SlackHarness extends PlatformDriver {
  readonly deps: PlatformDriver['deps'] & { store: PrismaStore };
  readonly slack: FakeSlack;
  readonly adapter: SlackAdapter;
  /** The core's inbound pipeline the adapter hands what people do to. */
  readonly pipeline: InboundPipeline;
  readonly logger: RecordingLogger;
  /** The one HTTP server's base URL (Slack's request URL is `${baseUrl}/slack/events`). */
  readonly baseUrl: string;
  /** The SQLite file of the store, for tests that take its lock from another connection. */
  readonly databaseFile: string;
  /** The Slack message of a question's first posting. */
  questionMessage(questionKey: string): Promise<{ channel: string; message: StoredMessage }>;
  /** A click on the element of a question's message whose value or action_id matches. */
  click(questionKey: string, user: string, match: (element: Record<string, unknown>) => boolean): Promise<Interaction>;
  /** Opens a modal from a question's button, then submits it with these answers (keyed by action_id). */
  submitModal(
    questionKey: string,
    user: string,
    actionId: string,
    answers: Record<string, string | string[]>,
  ): Promise<Interaction>;
  /** Waits until the app's pending work (the inbox applied, refreshes, listeners) is done. */
  settle(): Promise<void>;
}

/** All the text a message shows: its `text` and every text field in its blocks. */
export function messageText(message: { text?: string; blocks?: unknown[] } | undefined): string {
  const parts: string[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'text' && typeof inner === 'string') parts.push(inner);
        else walk(inner);
      }
    }
  };
  parts.push(message?.text ?? '');
  walk(message?.blocks ?? []);
  return parts.join('\n');
}

function elements(blocks: unknown): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  for (const block of Array.isArray(blocks) ? (blocks as Record<string, unknown>[]) : []) {
    if (Array.isArray(block.elements)) found.push(...(block.elements as Record<string, unknown>[]));
    if (block.accessory && typeof block.accessory === 'object') found.push(block.accessory as Record<string, unknown>);
  }
  return found;
}

const STANCE_LABELS = { agree: 'Agree', disagree: 'Disagree', pass: 'Pass' } as const;

/** The button whose visible label is this one. */
function buttonLabelled(blocks: unknown, label: string): Record<string, unknown> | undefined {
  return elements(blocks).find(
    (element) => element.type === 'button' && (element.text as { text?: string } | undefined)?.text === label,
  );
}

/** A dealt card as the person reads it: the statement in its own block, or a notice instead. */
function dealtView(message: StoredMessage): DealtStatementView {
  const blocks = (message.blocks ?? []) as Record<string, unknown>[];
  const statement = blocks.find((block) => block.block_id === 'statement')?.text as { text?: string } | undefined;
  return { statement: statement?.text ?? null, shown: messageText(message) };
}

async function until<T>(check: () => T | undefined, what: string, timeoutMs = 5000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * The Slack adapter for real: a fake Slack on loopback, the real Bolt app (Socket Mode or HTTP on Agora's one HTTP
 * server), the real core and a real SQLite store with the fixture programme, `staffroom` mapped to `slack:T1/C_STAFF`.
 */
export async function startSlackHarness(options: SlackHarnessOptions): Promise<SlackHarness> {
  const database = sqliteDatabase();
  const store = await openStore(database.url);
  const slack = await startFakeSlack({
    ...options.fake,
    messageShortcuts: manifestShortcuts(),
    subscribedEvents: manifestEvents(),
    teamId: TEAM,
    users: [
      ...PEOPLE.map((name) => ({
        id: slackUserId(name),
        name,
        realName: `${name[0]?.toUpperCase()}${name.slice(1)}`,
      })),
      ...(options.people ?? []),
      ...(options.guests ?? []),
    ],
    channels: [
      { id: 'C_STAFF', name: 'staff', sharedWith: [...new Set((options.guests ?? []).flatMap((g) => g.teamId ?? []))] },
      { id: 'C_GENERAL', name: 'general' },
      { id: 'C_MORE', name: 'more-staff' },
      { id: 'C_OUTSIDE', name: 'outside', botIsMember: false },
      { id: 'C_ORG', name: 'organisers' },
    ],
  });
  const logger = new RecordingLogger();
  const platforms = new PlatformRegistry();
  const deps = { store, clock: systemClock, logger, platforms };
  const staffroom: ChannelAddress[] = (options.staffroom ?? ['C_STAFF']).map((channelId) => ({
    platform: 'slack',
    workspaceId: TEAM,
    channelId,
  }));
  const directory = (placeholder: string): ChannelAddress[] =>
    placeholder === 'staffroom'
      ? staffroom
      : placeholder === 'organisers'
        ? [{ platform: 'slack', workspaceId: TEAM, channelId: 'C_ORG' }]
        : [];
  await loadProgramme(store, programmeDefinition(options.programme), 'fixture', { directory });
  const http = new HttpServer(logger);
  const port = await http.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${port}`;
  const organisers = new Set<string>();
  const pipeline = new InboundPipeline({
    inbox: store.inbox,
    deps,
    worker: 'slack-harness',
    tuning: { refreshDelayMs: 10, pollMs: 20 },
  });
  const consultation = createConsultation(deps, pipeline);
  const adapter = createSlackAdapter({
    config: {
      botToken: slack.botToken,
      apiUrl: slack.apiUrl,
      ...(options.mode === 'socket' ? { appToken: slack.appToken } : { signingSecret: slack.signingSecret }),
      processBeforeResponse: true,
      retries: 0,
      socketPingTimeoutMs: 300,
      unhandledRequestTimeoutMs: 500,
      ...options.config,
    },
    consultation,
    installations: store.installations,
    registry: createCommandRegistry(null),
    isOrganiser: (user) => organisers.has(user),
    http,
    logger,
  });
  platforms.register(adapter.platform);
  // The event ids Slack used, by message ts, so a test can have one delivered again.
  const eventIds = new Map<string, string>();
  adapter.app.use(async ({ body, next }) => {
    const event = (body as { event?: { ts?: string }; event_id?: string }).event;
    const eventId = (body as { event_id?: string }).event_id;
    if (event?.ts && eventId) eventIds.set(event.ts, eventId);
    await next();
  });
  if (options.mode === 'http') slack.deliverOverHttp(`${baseUrl}/slack/events`);
  options.beforeStart?.(slack);
  await adapter.start();
  await pipeline.start();

  const modalErrors = new Map<string, string[]>();
  let lastReplyTs: string | undefined;

  const question = async (key: string) => {
    const programme = await store.programmes.findBySlug('staff-voice');
    const q = await store.questions.findByKey(programme?.id as string, key);
    if (!q) throw new Error(`no question ${key}`);
    return q;
  };
  const posting = async (key: string) => {
    const [first] = await store.postings.listByQuestion((await question(key)).id);
    if (!first) throw new Error(`question ${key} has not been posted`);
    const [, team, channel, ts] = first.messageRef.split(':');
    return { team: team as string, channel: channel as string, ts: ts as string, ref: first.messageRef };
  };
  const questionMessage = async (key: string) => {
    const at = await posting(key);
    const message = slack.messages(at.channel).find((m) => m.ts === at.ts);
    if (!message) throw new Error(`the message of ${key} is not in ${at.channel}`);
    return { channel: at.channel, message };
  };
  // The controls of each question's message as people last saw them with the control, for stale clicks.
  const seen = new Map<string, unknown[]>();
  const click = async (key: string, user: string, match: (element: Record<string, unknown>) => boolean) => {
    const { channel, message } = await questionMessage(key);
    let element = elements(message.blocks).find(match);
    if (element) seen.set(key, message.blocks ?? []);
    const stale = seen.get(key);
    if (!element && stale) {
      // A person whose Slack still shows the message as it was (closing removed the controls): their click
      // carries the old message, as a click racing a chat.update does.
      element = elements(stale).find(match);
      if (element) {
        slack.workspace.replace(channel, { ...message, blocks: stale });
        try {
          return await applied(
            await slack.clickButton({
              user: slackUserId(user),
              actionId: String(element.action_id),
              channel,
              messageTs: message.ts,
            }),
          );
        } finally {
          const current = slack.messages(channel).find((m) => m.ts === message.ts);
          if (current?.blocks === stale) slack.workspace.replace(channel, message);
        }
      }
    }
    if (!element) throw new Error(`no matching control in the message of ${key}`);
    return applied(
      await slack.clickButton({
        user: slackUserId(user),
        actionId: String(element.action_id),
        channel,
        messageTs: message.ts,
      }),
    );
  };
  // What a person did is acknowledged once it is in the inbox; the driver waits until it is applied too, as a
  // person looking at the result a moment later would see it.
  const applied = async <T>(done: T): Promise<T> => {
    await pipeline.drain();
    return done;
  };
  const submitModal = async (
    key: string,
    user: string,
    actionId: string,
    answers: Record<string, string | string[]>,
  ) => {
    const clicked = await click(key, user, (e) => e.action_id === actionId);
    const opened = await slack.waitForCall('views.open', (call) => call.args.trigger_id === clicked.triggerId, 5000);
    const view = (opened.response as { view?: { id?: string } }).view;
    if (!view?.id) throw new Error(`views.open failed: ${JSON.stringify(opened.response)}`);
    const submitted = await applied(await slack.submitView({ viewId: view.id, values: answers }));
    const body = submitted.delivery.body as { response_action?: string; errors?: Record<string, string> } | undefined;
    if (body?.response_action === 'errors') {
      modalErrors.set(user, [...(modalErrors.get(user) ?? []), ...Object.values(body.errors ?? {})]);
    }
    return submitted;
  };
  const ephemeralTo = (user: string) => slack.ephemeralMessages().filter((e) => e.user === slackUserId(user));
  const noticesTo = (user: string): string[] => {
    const id = slackUserId(user);
    return [
      ...slack
        .ephemeralMessages()
        .filter((e) => e.user === id)
        .map((e) => messageText(e.message)),
      ...slack.messages(slack.dmWith(id)).map((m) => messageText(m)),
      ...(modalErrors.get(user) ?? []),
    ];
  };

  return {
    deps,
    slack,
    adapter,
    pipeline,
    logger,
    baseUrl,
    databaseFile: database.url.slice('file:'.length),
    questionMessage,
    click,
    submitModal,
    async settle() {
      await pipeline.drain();
      await new Promise((resolve) => setTimeout(resolve, 50));
    },
    async postedQuestion(key) {
      const at = await posting(key);
      const { message } = await questionMessage(key);
      return { messageRef: at.ref, threadRef: at.ref, text: messageText(message) };
    },
    async userReplies({ questionKey, user, text, replyTo }) {
      const at = await posting(questionKey);
      let written = text;
      if (replyTo) {
        const [, , channel, ts] = replyTo.split(':');
        const quoted = slack.messages(channel as string).find((m) => m.ts === ts)?.text ?? '';
        // Slack's clients send a quote as "&gt; " in the message text.
        written = `&gt; ${quoted}\n${text}`;
      }
      const { message } = await slack.userPosts({
        channel: at.channel,
        user: slackUserId(user),
        text: written,
        thread_ts: at.ts,
      });
      lastReplyTs = message.ts;
      await pipeline.drain();
      return { messageRef: `slack:${at.team}:${at.channel}:${message.ts}` };
    },
    async userEdits({ messageRef, text }) {
      const [, , channel, ts] = messageRef.split(':');
      await slack.userEdits({ channel: channel as string, ts: ts as string, text });
      await pipeline.drain();
    },
    async userDeletes({ messageRef }) {
      const [, , channel, ts] = messageRef.split(':');
      await slack.userDeletes({ channel: channel as string, ts: ts as string });
      await pipeline.drain();
    },
    async redeliverLastReply() {
      const ts = lastReplyTs;
      if (!ts) throw new Error('no reply has been posted');
      const eventId = await until(() => eventIds.get(ts), 'the reply event to reach the app');
      await slack.redeliver(eventId, { num: 1, reason: 'http_timeout' });
      // Over Socket Mode the ack comes before the work: wait until the app has seen the delivery for what it is.
      await until(
        () => logger.lines.find((l) => l.context.eventId === eventId && /delivered again/.test(l.message)),
        'the app to drop the delivery it already had',
      );
    },
    async userVotes({ questionKey, user, choice }) {
      const q = await question(questionKey);
      if (q.kind === 'multi_choice') {
        await submitModal(questionKey, user, 'agora_multi_submit', { choices: choice });
        return;
      }
      if (q.kind === 'ranked') {
        await submitModal(
          questionKey,
          user,
          'agora_rank',
          Object.fromEntries(choice.map((key, i) => [`rank_${i + 1}`, key])),
        );
        return;
      }
      // By the option's label, as a person picks it.
      const label = (await store.questions.options(q.id)).find((o) => o.key === choice[0])?.label;
      await click(questionKey, user, (e) => e.type === 'button' && (e.text as { text?: string })?.text === label);
    },
    async userAnswersPrivately({ questionKey, user, text }) {
      await submitModal(questionKey, user, 'agora_answer_privately', { answer_text: text });
    },
    async userRunsCommand({ user, text, organiser }) {
      const id = slackUserId(user);
      if (organiser) organisers.add(id);
      const before = slack.ephemeralMessages().filter((e) => e.user === id).length;
      const use = await slack.slashCommand({ user: id, channel: 'C_STAFF', command: '/agora', text });
      const immediate = (use.delivery.body as { text?: string } | undefined)?.text;
      if (immediate) return immediate;
      return until(() => {
        const mine = slack.ephemeralMessages().filter((e) => e.user === id);
        return mine.length > before ? messageText(mine.at(-1)?.message) : undefined;
      }, `a reply to /agora ${text}`);
    },
    async privateNoticesTo(user) {
      return noticesTo(user);
    },
    async userAddsStatement({ questionKey, user, text }) {
      await submitModal(questionKey, user, 'agora_add_statement', { statement_text: text });
    },
    async userAsksForStatement({ questionKey, user }) {
      const before = ephemeralTo(user).length;
      await click(questionKey, user, (e) => e.action_id === 'agora_deal_statement');
      const dealt = await until(() => ephemeralTo(user)[before]?.message, 'a statement to be dealt');
      return dealtView(dealt);
    },
    async userAnswersStatement({ user, vote }) {
      // Pressed by the label a person reads; what the button records is for the test to check.
      const card = ephemeralTo(user).findLast((e) => buttonLabelled(e.message.blocks, STANCE_LABELS[vote]));
      const actionId = card && String(buttonLabelled(card.message.blocks, STANCE_LABELS[vote])?.action_id);
      if (!card || !actionId) throw new Error(`${user} has no statement card to answer`);
      await slack.clickButton({
        user: slackUserId(user),
        actionId,
        channel: card.channel,
        messageTs: card.message.ts,
        ephemeral: true,
      });
      await pipeline.drain();
      const shownNow = () =>
        ephemeralTo(user).find((e) => e.channel === card.channel && e.message.ts === card.message.ts)?.message;
      const next = await until(() => {
        const now = shownNow();
        return now === card.message ? undefined : now;
      }, 'the card to be replaced with the next');
      return dealtView(next);
    },
    async userAsksWhereTheyStand({ user }) {
      const label = 'Where do I stand';
      const card = ephemeralTo(user).findLast((e) => buttonLabelled(e.message.blocks, label));
      const actionId = card && String(buttonLabelled(card.message.blocks, label)?.action_id);
      if (!card || !actionId) throw new Error(`${user} has no statement card with "${label}"`);
      const before = noticesTo(user).length;
      await slack.clickButton({
        user: slackUserId(user),
        actionId,
        channel: card.channel,
        messageTs: card.message.ts,
        ephemeral: true,
      });
      return until(() => {
        const shown = noticesTo(user).slice(before);
        return shown.length ? shown.join('\n') : undefined;
      }, 'the answer to "Where do I stand"');
    },
    async organiserReviewsStatement({ user, text, decision }) {
      organisers.add(slackUserId(user));
      const actionId = `agora_review_${decision}`;
      const request = await until(
        () =>
          slack
            .messages('C_ORG')
            .findLast((m) => messageText(m).includes(text) && elements(m.blocks).some((e) => e.action_id === actionId)),
        `"${text}" in the organisers' channel`,
      );
      await slack.clickButton({ user: slackUserId(user), actionId, channel: 'C_ORG', messageTs: request.ts });
      await pipeline.drain();
    },
    async userProposesStatement({ messageRef, user, text, organiser }) {
      const id = slackUserId(user);
      if (organiser) organisers.add(id);
      const [, , channel, ts] = messageRef.split(':');
      const noticesBefore = noticesTo(user).length;
      const used = await slack.messageShortcut({
        user: id,
        name: 'Propose as a statement',
        channel: channel as string,
        messageTs: ts as string,
      });
      const opened = await until(
        () =>
          slack.calls('views.open').find((call) => call.args.trigger_id === used.triggerId) ??
          (noticesTo(user).length > noticesBefore ? null : undefined),
        'the proposal form, or a notice saying why not',
      );
      if (!opened) return { prefilled: null };
      const view = (opened.response as { view?: { id?: string; blocks?: Record<string, unknown>[] } }).view;
      if (!view?.id) throw new Error(`views.open failed: ${JSON.stringify(opened.response)}`);
      const input = view.blocks?.find((b) => b.block_id === 'statement')?.element as { initial_value?: string };
      const shownBefore = ephemeralTo(user).length;
      const submitted = await applied(
        await slack.submitView({ viewId: view.id, values: text === undefined ? {} : { statement_text: text } }),
      );
      const body = submitted.delivery.body as { response_action?: string; errors?: Record<string, string> } | undefined;
      if (body?.response_action === 'errors') {
        modalErrors.set(user, [...(modalErrors.get(user) ?? []), ...Object.values(body.errors ?? {})]);
        // A refusal in the form is also told privately, after the ack: wait for it, so that it is not taken for
        // the answer to what the person does next.
        await until(() => (ephemeralTo(user).length > shownBefore ? true : undefined), 'the refusal to be told');
      }
      return { prefilled: input?.initial_value ?? '' };
    },
    async reviewRequestText(text) {
      const request = await until(
        () => slack.messages('C_ORG').findLast((m) => messageText(m).includes(text)),
        `"${text}" in the organisers' channel`,
      );
      return messageText(request);
    },
    async reviewCard(text) {
      const card = slack.messages('C_ORG').findLast((m) => messageText(m).includes(text));
      if (!card) throw new Error(`no review card for "${text}"`);
      const buttons = elements(card.blocks).filter((e) => e.type === 'button');
      return { shown: messageText(card), buttons: buttons.map((b) => String((b.text as { text?: string })?.text)) };
    },
    async reloadProgramme(overrides) {
      await loadProgramme(store, programmeDefinition(overrides), `fixture:${JSON.stringify(overrides)}`, { directory });
    },
    async linkedMessage(link) {
      const at =
        /^https:\/\/([a-z0-9-]+)\.slack\.com\/archives\/([A-Z0-9_]+)\/p(\d{10})(\d{6})(?:\?thread_ts=(\d+\.\d+)&cid=([A-Z0-9_]+))?$/.exec(
          link,
        );
      if (!at || at[1] !== slack.workspace.teamDomain) return null;
      const message = slack.workspace.message(at[2] as string, `${at[3]}.${at[4]}`);
      if (!message) return null;
      const reply = message.thread_ts !== undefined && message.thread_ts !== message.ts;
      // Slack opens a reply inside its thread only when the link names the thread.
      if (reply ? at[5] !== message.thread_ts || at[6] !== at[2] : at[5] !== undefined) return null;
      return message.text;
    },
    async refuseStaffroom() {
      for (const { channelId } of staffroom) {
        const channel = slack.workspace.channel(channelId);
        if (channel) channel.botIsMember = false;
      }
    },
    async organiserChannelMessages() {
      return slack.messages('C_ORG').map((m) => messageText(m));
    },
    async currentQuestionText(key) {
      const { message } = await questionMessage(key);
      return messageText(message);
    },
    async stop() {
      await pipeline.stop();
      await adapter.stop();
      await http.close();
      await slack.stop();
      await store.close();
      await database.drop();
    },
  };
}
