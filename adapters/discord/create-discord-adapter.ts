import { type Client, Events, GatewayCloseCodes, GatewayDispatchEvents, type GatewayDispatchPayload } from 'discord.js';
import type { CommandRegistry } from '../../src/core/commands/command-registry.ts';
import type { CoreDeps } from '../../src/core/consultation/deps.ts';
import { QuestionRefresher } from '../../src/core/consultation/question-refresher.ts';
import { AgoraError } from '../../src/core/errors.ts';
import type { ChatPlatform } from '../../src/core/ports/chat-platform.ts';
import type { Logger } from '../../src/core/ports/logger.ts';
import { CatchUp } from './catch-up.ts';
import { ContentAccess } from './content-access.ts';
import { intentGranted } from './content-evidence.ts';
import { DiscordPlatform } from './discord-platform.ts';
import { DiscordRest } from './discord-rest.ts';
import { buildClient, isDisallowedIntents, loginAndWait } from './gateway-client.ts';
import type { InteractionContext } from './interaction-context.ts';
import type { OrganiserList } from './interaction-identity.ts';
import { DEFER_AFTER_MS } from './interaction-replies.ts';
import { routeInteraction } from './interaction-router.ts';
import { type IngestObserver, MessageIngest } from './message-ingest.ts';
import { RecentInteractions } from './recent-interactions.ts';

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
  deps: CoreDeps;
  registry: CommandRegistry;
  /** People listed in ORGANISERS. */
  isOrganiser?: OrganiserList;
  logger: Logger;
  /** Told what became of each message event (metrics, benchmarks). */
  observe?: IngestObserver;
  tuning?: {
    /** Votes of one question are gathered for this long before its posted tally is refreshed (default 1,500). */
    refreshDelayMs?: number;
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
  /** Fetches and records messages missed in open questions' threads. */
  catchUp(reason?: string): Promise<void>;
}

const MESSAGE_EVENTS = [
  GatewayDispatchEvents.MessageCreate,
  GatewayDispatchEvents.MessageUpdate,
  GatewayDispatchEvents.MessageDelete,
  GatewayDispatchEvents.MessageDeleteBulk,
] as const;

export function createDiscordAdapter(options: DiscordAdapterOptions): DiscordAdapter {
  const { config, deps, registry, logger } = options;
  let client: Client | undefined;
  let ready = false;
  const currentClient = () => client;
  const rest = new DiscordRest(() => {
    if (!client)
      throw new AgoraError('PLATFORM_ERROR', 'Discord is not connected yet.', { retryable: true }, 'operator');
    return client.rest;
  });
  const content = new ContentAccess(logger, config.applicationId);
  const recent = new RecentInteractions();
  const platform = new DiscordPlatform({ deps, rest, client: currentClient, content, recent, logger });
  const ingest = new MessageIngest({
    deps,
    content,
    botId: () => client?.user?.id ?? config.applicationId,
    logger,
    ...(options.observe && { observe: options.observe }),
  });
  const refresher = new QuestionRefresher(deps, {
    run: (key, work) => void ingest.queue.run(key, work),
    platformOf: (posting) => (platform.owns(posting.messageRef) ? platform : undefined),
    delayMs: options.tuning?.refreshDelayMs ?? 1500,
  });
  const catchUp = new CatchUp(deps, rest, ingest, currentClient, logger);
  const interactions: InteractionContext = {
    deps,
    registry,
    rest,
    refresher,
    isOrganiser: options.isOrganiser ?? (() => false),
    organiserRole: config.organiserRole,
    logger,
    deferAfterMs: options.tuning?.deferAfterMs ?? DEFER_AFTER_MS,
  };
  // Open questions get the "Respond" button once content turns out to be withheld (at login: once connected), and
  // lose it when content is readable again.
  content.onChange(() => {
    if (ready) void refresher.refreshAllOpen().catch(() => {});
  });

  const attach = (bot: Client) => {
    // discord.js turns errors thrown in listeners into 'error' events; unheard, they would end the process.
    bot.on(Events.Error, (error) => logger.error({ err: error }, 'discord.js reported an error'));
    bot.on(Events.Warn, (message) => logger.warn({}, `discord.js: ${message}`));
    // A refused Message Content intent is explained once, by ContentAccess, rather than as shard noise.
    bot.on(Events.ShardError, (error, shard) => {
      if (!isDisallowedIntents(error)) logger.warn({ err: error, shard }, 'a Discord gateway shard failed');
    });
    bot.on(Events.ShardDisconnect, (event, shard) => {
      if (event.code !== GatewayCloseCodes.DisallowedIntents) {
        logger.warn({ shard, code: event.code }, 'a Discord gateway shard disconnected');
      }
    });
    for (const event of MESSAGE_EVENTS) {
      bot.ws.on(event, (data: unknown) => ingest.onDispatch({ t: event, d: data } as GatewayDispatchPayload));
    }
    bot.on(Events.InteractionCreate, (interaction) => {
      void routeInteraction(interactions, recent, interaction).catch((error: unknown) =>
        logger.error({ err: error, interaction: interaction.id }, 'a Discord interaction failed'),
      );
    });
    // A resumed session replays what the gateway kept; a new session (after an invalid one) starts blank: both
    // are followed by a catch-up over REST, which records only what is not stored yet.
    bot.on(Events.ShardResume, (shard) => {
      if (ready) void catchUp.run(`shard ${shard} resumed`);
    });
    bot.on(Events.ShardReady, (shard) => {
      if (ready) void catchUp.run(`shard ${shard} reconnected`);
    });
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
            'operator',
          );
        }
        content.refusedAtLogin();
        await connect(false);
      }
      content.intentGranted(intentGranted(client?.application?.flags.bitfield));
      ready = true;
      if (!content.readable) await refresher.refreshAllOpen();
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
      await refresher.flush().catch(() => {});
      await ingest.queue.settle(5000);
      await client?.destroy();
      client = undefined;
    },
    catchUp: (reason = 'asked') => catchUp.run(reason),
  };
}
