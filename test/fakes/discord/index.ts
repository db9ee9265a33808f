import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIChannel, APIMessage, GatewayIdentifyData, MessageType } from 'discord.js';
import { type CallFilter, CallLog, type RecordedCall } from './call-log.ts';
import { FakeClock, type FakeContext } from './context.ts';
import { type Dispatch, FakeGateway } from './gateway.ts';
import type { InteractionHandle } from './interaction-dispatch.ts';
import { InteractionRecords } from './interaction-records.ts';
import type { FakeDiscordOptions } from './options.ts';
import { type RateLimitRule, RateLimits } from './rate-limits.ts';
import { restHandler } from './rest-server.ts';
import { commandRoutes } from './routes-commands.ts';
import { coreRoutes } from './routes-core.ts';
import { interactionRoutes } from './routes-interactions.ts';
import { messageRoutes } from './routes-messages.ts';
import { threadRoutes } from './routes-threads.ts';
import { userClicksButton, userSelects } from './simulate-components.ts';
import { type MessageCommandRun, userRunsMessageCommand } from './simulate-message-commands.ts';
import {
  type SimulatedMessage,
  type UserMessage,
  userDeletesMessage,
  userEditsMessage,
  userSendsMessage,
} from './simulate-messages.ts';
import { userSubmitsModal } from './simulate-modals.ts';
import {
  linkUnfurled,
  moderatorBulkDeletes,
  otherAppPosts,
  systemMessage,
  userForwardsMessage,
} from './simulate-odd-shapes.ts';
import { type SlashCommandRun, userRunsSlashCommand } from './simulate-slash-commands.ts';
import { World } from './world.ts';

export type { RecordedCall } from './call-log.ts';
export { defaultIds } from './default-world.ts';
export type { Dispatch } from './gateway.ts';
export type { InteractionHandle } from './interaction-dispatch.ts';
export type { InteractionCallback } from './interaction-records.ts';
export type { FakeDiscordOptions } from './options.ts';

export interface FakeDiscord {
  /** Give it to discord.js: `new Client({ rest: { api: fake.apiUrl }, intents })`. */
  apiUrl: string;
  gatewayUrl: string;
  token: string;
  applicationId: string;
  /** The model behind the fake, for assertions and for changing the world mid-test. */
  world: World;
  /** Every IDENTIFY received, with its intents. */
  identifies: GatewayIdentifyData[];
  calls(filter?: CallFilter): RecordedCall[];
  /** The first call matching, already made or awaited. */
  waitForCall(filter: CallFilter, timeoutMs?: number): Promise<RecordedCall>;
  /** Answers the next `times` calls of a route with 429 and that route's own bucket headers. */
  rateLimit(rule: RateLimitRule): void;
  /**
   * Closes the gateway connection (4000 by default) so the bot resumes. Invalidating the session makes it identify
   * anew instead, which discord.js delays by 5 s after the previous IDENTIFY.
   */
  dropConnection(options?: { code?: number; invalidateSession?: boolean }): void;
  /** Sends an identical event again, as Discord sometimes delivers one twice (or a held one, late). */
  replay(dispatch: Dispatch): Dispatch;
  /** Sends op 7 Reconnect: the bot reconnects and resumes, missing nothing. */
  requestReconnect(): void;
  /** Moves the fake's clock on, so that interaction tokens (15 minutes) expire without waiting. */
  advanceClock(ms: number): void;
  userForwardsMessage(input: { messageId: string; toChannelId: string; userId: string }): SimulatedMessage;
  moderatorBulkDeletes(input: { channelId: string; messageIds: string[] }): Dispatch;
  linkUnfurled(input: { messageId: string; url: string }): SimulatedMessage;
  /** Another application posts: a bot user, or a webhook (`webhook_id`, the webhook as author). */
  otherAppPosts(input: { channelId: string; content: string; via: 'bot' | 'webhook' }): SimulatedMessage;
  /** Discord's own notice on a person's behalf (pin, join, thread started): a non-zero message type. */
  systemMessage(input: { channelId: string; userId: string; type: MessageType }): SimulatedMessage;
  userSendsMessage(input: UserMessage): SimulatedMessage;
  userEditsMessage(input: { messageId: string; content: string; offline?: boolean }): SimulatedMessage;
  userDeletesMessage(input: { messageId: string; offline?: boolean }): SimulatedMessage;
  userRunsSlashCommand(run: SlashCommandRun): InteractionHandle;
  /** A person picks a registered message command from a message's Apps menu. */
  userRunsMessageCommand(run: MessageCommandRun): InteractionHandle;
  userClicksButton(input: { customId: string; userId: string; messageId?: string }): InteractionHandle;
  userSelects(input: { customId: string; values: string[]; userId: string; messageId?: string }): InteractionHandle;
  userSubmitsModal(input: {
    customId: string;
    fields: Record<string, string | string[]>;
    userId?: string;
  }): InteractionHandle;
  /** The id of the DM channel between the bot and a user, opening it if needed. */
  dmChannelId(userId: string): string;
  channel(id: string): APIChannel | undefined;
  message(id: string): APIMessage | undefined;
  /** A channel's messages, oldest first, with their full content. */
  messagesIn(channelId: string): APIMessage[];
  stop(): Promise<void>;
}

/** Starts a fake Discord REST API and gateway on 127.0.0.1, on a free port. */
export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const world = new World(options);
  const gateway = new FakeGateway(world, {
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
    guildCreateDelayMs: options.guildCreateDelayMs ?? 30,
  });
  const context: FakeContext = {
    world,
    gateway,
    interactions: new InteractionRecords(),
    interactionDeadlineMs: options.interactionDeadlineMs ?? 3000,
    interactionTokenLifetimeMs: options.interactionTokenLifetimeMs ?? 15 * 60_000,
    clock: new FakeClock(),
  };
  const calls = new CallLog();
  const rateLimits = new RateLimits();
  const routes = [
    ...messageRoutes(context),
    ...threadRoutes(context),
    ...interactionRoutes(context),
    ...commandRoutes(context),
  ];
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  world.publicUrl = `http://127.0.0.1:${port}`;
  const gatewayUrl = `ws://127.0.0.1:${port}`;
  routes.push(...coreRoutes(context, gatewayUrl));
  server.on('request', restHandler({ world, routes, calls, rateLimits }));
  gateway.attach(server, gatewayUrl);

  return {
    apiUrl: `${world.publicUrl}/api`,
    gatewayUrl,
    token: world.token,
    applicationId: world.applicationId,
    world,
    identifies: gateway.identifies,
    calls: (filter) => calls.list(filter),
    waitForCall: (filter, timeoutMs) => calls.waitFor(filter, timeoutMs),
    rateLimit: (rule) => rateLimits.add(rule),
    dropConnection: (dropOptions) => gateway.dropConnection(dropOptions),
    replay: (dispatch) => gateway.dispatch(dispatch.t, dispatch.d),
    requestReconnect: () => gateway.requestReconnect(),
    advanceClock: (ms) => context.clock.advance(ms),
    userForwardsMessage: (input) => userForwardsMessage(context, input),
    moderatorBulkDeletes: (input) => moderatorBulkDeletes(context, input),
    linkUnfurled: (input) => linkUnfurled(context, input),
    otherAppPosts: (input) => otherAppPosts(context, input),
    systemMessage: (input) => systemMessage(context, input),
    userSendsMessage: (input) => userSendsMessage(context, input),
    userEditsMessage: (input) => userEditsMessage(context, input),
    userDeletesMessage: (input) => userDeletesMessage(context, input),
    userRunsSlashCommand: (run) => userRunsSlashCommand(context, run),
    userRunsMessageCommand: (run) => userRunsMessageCommand(context, run),
    userClicksButton: (input) => userClicksButton(context, input),
    userSelects: (input) => userSelects(context, input),
    userSubmitsModal: (input) => userSubmitsModal(context, input),
    dmChannelId: (userId) => world.dmChannelWith(userId).data.id,
    channel: (id) => world.findChannel(id)?.data,
    message: (id) => world.messages.get(id),
    messagesIn: (channelId) => world.history(channelId),
    stop: async () => {
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
