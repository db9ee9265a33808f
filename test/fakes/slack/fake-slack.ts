import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CallFailureOptions, CallFailures } from './call-failures.ts';
import { CallLog, type RecordedCall } from './call-log.ts';
import { DEFAULT_CHANNELS, DEFAULT_USERS, DEFAULTS } from './defaults.ts';
import {
  type Delivered,
  type DeliveryFailure,
  EventDelivery,
  type ReleaseOptions,
  type Retry,
} from './event-delivery.ts';
import { FileStore } from './file-store.ts';
import type { Json } from './fixtures.ts';
import { methods } from './method-table.ts';
import {
  type AppPost,
  type ButtonClick,
  type CommandUse,
  type Happened,
  type Interaction,
  type LinkUnfurl,
  type MessageShortcut,
  People,
  type PersonDelete,
  type PersonEdit,
  type PersonPost,
  type ProfileChange,
  type ShortcutUse,
  type ViewSubmit,
} from './people.ts';
import { type RateLimitOptions, RateLimits } from './rate-limits.ts';
import { ResponseUrls } from './response-urls.ts';
import { routes } from './server-routes.ts';
import { type EnvelopeOptions, type EnvelopeType, type SocketAck, SocketModeServer } from './socket-mode.ts';
import type { FakeState } from './state.ts';
import { type OAuthClient, Tokens } from './tokens.ts';
import { Triggers } from './triggers.ts';
import { ViewStore } from './view-store.ts';
import {
  type BotIdentity,
  type ChannelSpec,
  type EphemeralMessage,
  type StoredMessage,
  type UserSpec,
  Workspace,
} from './workspace.ts';

export interface FakeSlackOptions {
  teamId?: string;
  teamName?: string;
  teamDomain?: string;
  appId?: string;
  bot?: Partial<BotIdentity>;
  /** People in the workspace; defaults to U_ALICE, U_BOB and U_CAROL. */
  users?: UserSpec[];
  /** Defaults to C_STAFF and C_GENERAL (the bot is in both), C_OUTSIDE (it is not) and private G_LEADERSHIP. */
  channels?: ChannelSpec[];
  botToken?: string;
  appToken?: string;
  signingSecret?: string;
  /** The app's OAuth credentials, needed for oauth.v2.access. */
  oauth?: OAuthClient;
  /** The message shortcuts the app declares (its manifest's `features.shortcuts`); none by default. */
  messageShortcuts?: MessageShortcut[];
  /** The bot events the app subscribes to (its manifest's); when given, `user_change` and `team_join` need them. */
  subscribedEvents?: string[];
  /** The most people a page of `users.list` returns, whatever `limit` asks; 200 by default. */
  usersPerPage?: number;
  /** The Enterprise Grid organisation the workspace belongs to: envelopes then carry `enterprise_id`. */
  enterpriseId?: string;
  /** How long an envelope waits for the app's ack; Slack waits 3 s. */
  ackTimeoutMs?: number;
  /** How long an HTTP delivery of an event waits for its 200 before Slack counts it failed and retries; 3 s. */
  httpAckWindowMs?: number;
  /** Delays before Slack's three retries of a failed HTTP delivery (Slack: at once, 1 min, 5 min); all 0 here. */
  retryDelaysMs?: number[];
  /** How long a trigger_id can open a view; Slack allows 3 s. */
  triggerLifetimeMs?: number;
  /** How long a response_url works (Slack: 30 minutes) and how often (5 times). */
  responseUrlLifetimeMs?: number;
  responseUrlUses?: number;
}

/** A Slack workspace and its APIs on 127.0.0.1, for running the real Slack SDKs in tests. */
export class FakeSlack {
  /** http://127.0.0.1:<port> */
  readonly baseUrl: string;
  /** What to pass as the SDK's `slackApiUrl`. */
  readonly apiUrl: string;
  readonly botToken: string;
  readonly appToken: string;
  readonly signingSecret: string;
  readonly workspace: Workspace;
  readonly views: ViewStore;
  readonly socket: SocketModeServer;
  private readonly log = new CallLog();
  private readonly rateLimits = new RateLimits();
  private readonly failures = new CallFailures();
  private readonly tokens: Tokens;
  private readonly delivery: EventDelivery;
  private readonly people: People;
  private clockOffsetMs = 0;
  private readonly latencyMs = new Map<string, number>();

  constructor(
    private readonly server: Server,
    options: FakeSlackOptions = {},
  ) {
    const { port } = server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}`;
    this.apiUrl = `${this.baseUrl}/api/`;
    this.botToken = options.botToken ?? DEFAULTS.botToken;
    this.appToken = options.appToken ?? DEFAULTS.appToken;
    this.signingSecret = options.signingSecret ?? DEFAULTS.signingSecret;
    this.workspace = new Workspace({
      teamId: options.teamId ?? DEFAULTS.teamId,
      teamName: options.teamName ?? DEFAULTS.teamName,
      teamDomain: options.teamDomain ?? DEFAULTS.teamDomain,
      appId: options.appId ?? DEFAULTS.appId,
      bot: { ...DEFAULTS.bot, ...options.bot },
      users: options.users ?? DEFAULT_USERS,
      channels: options.channels ?? DEFAULT_CHANNELS,
      ...(options.enterpriseId && { enterpriseId: options.enterpriseId }),
    });
    this.views = new ViewStore(this.workspace);
    this.tokens = new Tokens(this.botToken, this.appToken, options.oauth);
    this.socket = new SocketModeServer({
      appId: this.workspace.appId,
      origin: this.baseUrl.replace(/^http/, 'ws'),
      ackTimeoutMs: options.ackTimeoutMs ?? DEFAULTS.ackTimeoutMs,
    });
    const state: FakeState = {
      workspace: this.workspace,
      views: this.views,
      triggers: new Triggers(options.triggerLifetimeMs ?? DEFAULTS.triggerLifetimeMs),
      files: new FileStore(this.baseUrl, this.workspace),
      responseUrls: new ResponseUrls(this.baseUrl, this.workspace, {
        lifetimeMs: options.responseUrlLifetimeMs ?? DEFAULTS.responseUrlLifetimeMs,
        maxUses: options.responseUrlUses ?? DEFAULTS.responseUrlUses,
        now: () => Date.now() + this.clockOffsetMs,
      }),
      tokens: this.tokens,
      usersPerPage: options.usersPerPage ?? 200,
      socketUrl: () => this.socket.connectionUrl(),
    };
    this.delivery = new EventDelivery(this.socket, this.signingSecret, {
      ackWindowMs: options.httpAckWindowMs ?? DEFAULTS.ackTimeoutMs,
      retryDelaysMs: options.retryDelaysMs ?? [0, 0, 0],
    });
    this.people = new People({
      ...state,
      delivery: this.delivery,
      messageShortcuts: options.messageShortcuts ?? [],
      subscribedEvents: options.subscribedEvents,
    });
    const webApi = {
      methods,
      state,
      log: this.log,
      rateLimits: this.rateLimits,
      failures: this.failures,
      latencyMs: this.latencyMs,
    };
    server.on('request', routes({ webApi, responseUrls: state.responseUrls, files: state.files, log: this.log }));
    this.socket.attach(server);
  }

  /** Moves the fake's clock on, for what expires: response_urls. */
  advanceClock(ms: number): void {
    this.clockOffsetMs += ms;
  }

  // What the app called.

  calls(method?: string): RecordedCall[] {
    return this.log.calls(method);
  }

  lastCall(method: string): RecordedCall | undefined {
    return this.log.lastCall(method);
  }

  waitForCall(method: string, predicate?: (call: RecordedCall) => boolean, timeoutMs?: number): Promise<RecordedCall> {
    return this.log.waitForCall(method, predicate, timeoutMs);
  }

  /** Answers the next matching calls with HTTP 429, `Retry-After` and `ratelimited`. */
  rateLimit(method: string, options?: RateLimitOptions): void {
    this.rateLimits.add(method, options);
  }

  /** Answers the next calls of a method with `ok: false` and this error (`internal_error`, `missing_scope`, ...). */
  failCalls(method: string, error: string, options?: CallFailureOptions): void {
    this.failures.add(method, error, options);
  }

  /** Makes every later call of a method wait this long before it is answered, as a slow Slack does. */
  slowDown(method: string, ms: number): void {
    this.latencyMs.set(method, ms);
  }

  // What the workspace holds.

  /** Every message in a conversation, thread replies included, oldest first. */
  messages(channel: string): StoredMessage[] {
    return this.workspace.messages(channel);
  }

  /** A thread's parent and replies, oldest first. */
  thread(channel: string, threadTs: string): StoredMessage[] {
    return this.workspace.thread(channel, threadTs) ?? [];
  }

  ephemeralMessages(channel?: string): EphemeralMessage[] {
    return this.workspace.ephemeral.filter((entry) => channel === undefined || entry.channel === channel);
  }

  /** The id of the app's DM with this person. */
  dmWith(userId: string): string {
    return this.workspace.openConversation([userId]).id;
  }

  // How events reach the app.

  /** Sends events and interactions as signed HTTP requests to the app's request URL from now on. */
  deliverOverHttp(url: string): void {
    this.delivery.overHttp(url);
  }

  /** Sends them over Socket Mode again (the default). */
  deliverOverSocket(): void {
    this.delivery.overSocket();
  }

  sendEnvelope(type: EnvelopeType, payload: unknown, options?: EnvelopeOptions): Promise<SocketAck> {
    return this.socket.sendEnvelope(type, payload, options);
  }

  /** Deliveries of events over HTTP that Slack would count as failed: late (past 3 s) or not answered 200. */
  get deliveryFailures(): DeliveryFailure[] {
    return this.delivery.failures;
  }

  /** Keeps every event back from now on (what people do still happens), until `releaseEvents`. */
  holdEvents(): void {
    this.delivery.hold();
  }

  /** Delivers the held events: in order, in reverse, or each twice with the same event_id. */
  releaseEvents(options?: ReleaseOptions): Promise<Delivered[]> {
    return this.delivery.release(options);
  }

  /** The event_ids of every event Slack has sent the app, oldest first (acknowledged or not). */
  sentEventIds(): string[] {
    return this.delivery.sentEventIds();
  }

  /** Delivers an event again with the same event_id, as Slack retries one it thinks was not acknowledged. */
  redeliver(
    eventId: string,
    retry: Retry = { num: 1, reason: 'http_timeout' },
    alter?: (callback: Json) => Json,
  ): Promise<Delivered> {
    return this.delivery.redeliver(eventId, retry, alter);
  }

  // What people do.

  userPosts(post: PersonPost): Promise<Happened> {
    return this.people.post(post, true);
  }

  /** Stores the message without telling the app, as if it happened while the app was down. */
  userPostsWhileOffline(post: PersonPost): Promise<Happened> {
    return this.people.post(post, false);
  }

  userEdits(edit: PersonEdit): Promise<Happened> {
    return this.people.edit(edit, true);
  }

  userEditsWhileOffline(edit: PersonEdit): Promise<Happened> {
    return this.people.edit(edit, false);
  }

  userDeletes(removal: PersonDelete): Promise<Happened> {
    return this.people.delete(removal, true);
  }

  userDeletesWhileOffline(removal: PersonDelete): Promise<Happened> {
    return this.people.delete(removal, false);
  }

  /** Another app posts (its messages carry `bot_id`; a legacy integration's are `bot_message`). */
  appPosts(post: AppPost): Promise<Happened> {
    return this.people.appPost(post);
  }

  /** Slack unfurls a link in a message: `message_changed` without `edited`. */
  linkUnfurled(unfurl: LinkUnfurl): Promise<Happened> {
    return this.people.unfurl(unfurl);
  }

  clickButton(click: ButtonClick): Promise<Interaction> {
    return this.people.clickButton(click);
  }

  submitView(submit: ViewSubmit): Promise<Interaction> {
    return this.people.submitView(submit);
  }

  slashCommand(use: CommandUse): Promise<Interaction> {
    return this.people.slashCommand(use);
  }

  /** A person uses one of the app's message shortcuts on a message ("More actions" on it, then its name). */
  messageShortcut(use: ShortcutUse): Promise<Interaction> {
    return this.people.messageShortcut(use);
  }

  /** A person's profile changes (renamed, made admin, deactivated); the app hears of it through `user_change`. */
  profileChanges(userId: string, change: ProfileChange): Promise<Delivered | undefined> {
    return this.people.changeProfile(userId, change);
  }

  /** A new person joins the workspace; the app hears of it through `team_join`. */
  personJoins(user: UserSpec): Promise<Delivered | undefined> {
    return this.people.join(user);
  }

  /** The code Slack adds to the OAuth redirect once this person approves the install. */
  issueOAuthCode(installerUserId = this.workspace.humans()[0]?.id ?? ''): string {
    return this.tokens.issueCode(installerUserId);
  }

  async stop(): Promise<void> {
    await this.socket.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }
}

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return new FakeSlack(server, options);
}
