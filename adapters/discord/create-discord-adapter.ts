import { type Client, Events, GatewayCloseCodes, GatewayDispatchEvents, type GatewayDispatchPayload } from 'discord.js';
import type { CommandRegistry } from '../../src/core/commands/command-registry.ts';
import type { Consultation } from '../../src/core/consultation/consultation.ts';
import { AgoraError } from '../../src/core/errors.ts';
import type { ChatPlatform } from '../../src/core/ports/chat-platform.ts';
import type { Logger } from '../../src/core/ports/logger.ts';
import { CatchUp } from './inbound/catch-up.ts';
import { intentGranted } from './inbound/content-evidence.ts';
import type { OrganiserList } from './inbound/interaction-identity.ts';
import { routeInteraction } from './inbound/interaction-router.ts';
import { type IngestObserver, MessageIngest } from './inbound/message-ingest.ts';
import { RecentInteractions } from './inbound/recent-interactions.ts';
import { SubmittedStances } from './inbound/submitted-stances.ts';
import type { InteractionContext } from './interaction-context.ts';
import { DiscordPlatform } from './outbound/discord-platform.ts';
import { DEFER_AFTER_MS } from './outbound/interaction-replies.ts';
import { PendingAnswers } from './outbound/reply-handles.ts';
import { ContentAccess } from './transport/content-access.ts';
import { DiscordRest } from './transport/discord-rest.ts';
import { buildClient, guardPacketHandling, isDisallowedIntents, loginAndWait } from './transport/gateway-client.ts';

/** What the adapter needs from configuration; the composition root reads it (DISCORD_* variables). */
export interface DiscordAdapterConfig {
  token: string;
  applicationId: string;
  /** DISCORD_API_URL, e.g. https://discord.com/api. */
  apiUrl: string;
  /** DISCORD_ORGANISER_ROLE: a role name (or id) whose members are organisers. */
  organiserRole: string;
  /** DISCORD_SHARD_COUNT. */
  shardCount?: number;
}

export interface DiscordAdapterOptions {
  config: DiscordAdapterConfig;
  /** What the adapter may ask of the core: submit what people do, run commands, read what it renders. */
  consultation: Consultation;
  registry: CommandRegistry;
  /** People listed in ORGANISERS. */
  isOrganiser?: OrganiserList;
  logger: Logger;
  /** Told what became of each message event (metrics, benchmarks). */
  observe?: IngestObserver;
  tuning?: {
    /** An interaction not answered by then is deferred (default 1,500; Discord allows 3,000). */
    deferAfterMs?: number;
    /** How long to wait for the gateway to be ready at start (default 60,000). */
    readyTimeoutMs?: number;
  };
}

export interface DiscordAdapter {
  readonly platform: ChatPlatform;
  /** The live discord.js client, once started. */
  readonly client: Client | undefined;
  /** Connects to the gateway, then catches up on what was missed while away. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Reads open questions' threads again and hands the core what it missed (messages, edits, deletions). */
  catchUp(reason?: string): Promise<void>;
}

const MESSAGE_EVENTS = [
  GatewayDispatchEvents.MessageCreate,
  GatewayDispatchEvents.MessageUpdate,
  GatewayDispatchEvents.MessageDelete,
  GatewayDispatchEvents.MessageDeleteBulk,
] as const;

export function createDiscordAdapter(options: DiscordAdapterOptions): DiscordAdapter {
  const { config, consultation, registry, logger } = options;
  let client: Client | undefined;
  let ready = false;
  const currentClient = () => client;
  const rest = new DiscordRest(() => {
    if (!client) throw new AgoraError('PLATFORM_ERROR', 'Discord is not connected yet.', { retryable: true });
    return client.rest;
  });
  const content = new ContentAccess(logger, config.applicationId);
  const recent = new RecentInteractions();
  const answers = new PendingAnswers();
  const platform = new DiscordPlatform({
    read: consultation.read,
    applicationId: config.applicationId,
    rest,
    answers,
    client: currentClient,
    content,
    recent,
    logger,
  });
  const ingest = new MessageIngest({
    consultation,
    content,
    botId: () => client?.user?.id ?? config.applicationId,
    logger,
    ...(options.observe && { observe: options.observe }),
  });
  const catchUp = new CatchUp(consultation, rest, ingest, currentClient, logger);
  const interactions: Omit<InteractionContext, 'receivedAt'> = {
    consultation,
    registry,
    rest,
    answers,
    stances: new SubmittedStances(),
    isOrganiser: options.isOrganiser ?? (() => false),
    organiserRole: config.organiserRole,
    logger,
    deferAfterMs: options.tuning?.deferAfterMs ?? DEFER_AFTER_MS,
  };
  const background = new Set<Promise<unknown>>();
  const track = (work: Promise<unknown>) => {
    background.add(work);
    void work.finally(() => background.delete(work));
  };
  /** Every open question's Discord card drawn again: what it shows depends on whether content can be read. */
  const redrawOpenCards = async () => {
    try {
      for (const posting of await consultation.read.openPostings('discord')) {
        const card = await consultation.read.card(posting.questionId);
        if (card) await platform.updateQuestion(posting.messageRef, card).catch(() => {});
      }
    } catch (error) {
      logger.warn({ err: error }, 'could not redraw the Discord cards of open questions');
    }
  };
  // Open questions get the "Respond" button once content turns out to be withheld (at login: once connected), and
  // lose it when content is readable again.
  content.onChange(() => {
    if (ready) track(redrawOpenCards());
  });
  const startCatchUp = (reason: string) => {
    if (ready) track(catchUp.run(reason));
  };

  /** A listener whose failure is logged with its context and goes no further: no event ends the process. */
  const guarded =
    <A extends unknown[]>(what: string, listener: (...args: A) => unknown) =>
    (...args: A) => {
      try {
        const result = listener(...args);
        if (result instanceof Promise)
          result.catch((error: unknown) => logger.error({ err: error }, `${what} failed on Discord`));
      } catch (error) {
        logger.error({ err: error }, `${what} failed on Discord`);
      }
    };

  const attach = (bot: Client) => {
    guardPacketHandling(bot, (error, event) =>
      logger.error({ err: error, event }, 'discord.js could not read a gateway packet; it was left'),
    );
    // discord.js turns errors thrown in listeners into 'error' events; unheard, they would end the process.
    bot.on(Events.Error, (error) => logger.error({ err: error }, 'discord.js reported an error'));
    bot.on(
      Events.Warn,
      guarded('a warning', (message) => logger.warn({}, `discord.js: ${message}`)),
    );
    // A refused Message Content intent is explained once, by ContentAccess, rather than as shard noise.
    bot.on(
      Events.ShardError,
      guarded('a shard error', (error, shard) => {
        if (!isDisallowedIntents(error)) logger.warn({ err: error, shard }, 'a Discord gateway shard failed');
      }),
    );
    bot.on(
      Events.ShardDisconnect,
      guarded('a shard disconnect', (event, shard) => {
        if (event?.code !== GatewayCloseCodes.DisallowedIntents) {
          logger.warn({ shard, code: event?.code }, 'a Discord gateway shard disconnected');
        }
      }),
    );
    for (const event of MESSAGE_EVENTS) {
      bot.ws.on(
        event,
        guarded(`a ${event} event`, (data: unknown) =>
          ingest.onDispatch({ t: event, d: data } as GatewayDispatchPayload),
        ),
      );
    }
    bot.on(
      Events.InteractionCreate,
      guarded('an interaction', (interaction) =>
        routeInteraction(interactions, recent, interaction).catch((error: unknown) =>
          logger.error(
            { err: error, interaction: interaction.id, type: interaction.type },
            'a Discord interaction failed',
          ),
        ),
      ),
    );
    // A resumed session replays what the gateway kept; a new session (after an invalid one) starts blank: both
    // are followed by a catch-up over REST, which hands the core only what it may not have.
    bot.on(
      Events.ShardResume,
      guarded('a resume', (shard) => startCatchUp(`shard ${shard} resumed`)),
    );
    bot.on(
      Events.ShardReady,
      guarded('a reconnection', (shard) => startCatchUp(`shard ${shard} reconnected`)),
    );
  };

  const connect = async (withContent: boolean) => {
    const bot = buildClient({ apiUrl: config.apiUrl, shardCount: config.shardCount }, withContent);
    attach(bot);
    client = bot;
    try {
      await loginAndWait(bot, config.token, options.tuning?.readyTimeoutMs ?? 60_000);
    } catch (error) {
      await bot.destroy().catch(() => {});
      client = undefined;
      throw error;
    }
  };

  return {
    platform,
    get client() {
      return client;
    },
    async start() {
      try {
        await connect(true);
      } catch (error) {
        if (!isDisallowedIntents(error)) {
          throw new AgoraError(
            'PLATFORM_ERROR',
            `Could not connect to Discord at ${config.apiUrl}: ${(error as Error).message}. Check DISCORD_TOKEN and DISCORD_API_URL.`,
            { retryable: true },
          );
        }
        content.refusedAtLogin();
        await connect(false);
      }
      content.intentGranted(intentGranted(client?.application?.flags.bitfield));
      ready = true;
      if (!content.readable) await redrawOpenCards();
      logger.info(
        {
          user: client?.user?.tag,
          guilds: client?.guilds.cache.size,
          shards: client?.options.shards,
          shardCount: client?.options.shardCount,
          messageContent: content.readable,
        },
        'connected to Discord',
      );
      await catchUp.run('start');
    },
    async stop() {
      ready = false;
      await ingest.queue.settle(5000);
      await Promise.race([
        Promise.allSettled([...background]),
        new Promise((resolve) => setTimeout(resolve, 5000).unref()),
      ]);
      await client?.destroy();
      client = undefined;
    },
    catchUp: (reason = 'asked') => catchUp.run(reason),
  };
}
