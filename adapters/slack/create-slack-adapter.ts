import { App, type AuthorizeResult, SocketModeReceiver, webApi } from '@slack/bolt';
import type { CommandRegistry } from '../../src/core/commands/command-registry.ts';
import type { Consultation } from '../../src/core/consultation/consultation.ts';
import { AgoraError } from '../../src/core/errors.ts';
import type { Logger } from '../../src/core/ports/logger.ts';
import { acknowledgeWhenKept, isNotKept } from './inbound/acknowledge-when-kept.ts';
import { listenToEverythingElse } from './inbound/catch-all.ts';
import type { CatchUpSummary } from './inbound/catch-up.ts';
import { CatchUpSchedule } from './inbound/catch-up-schedule.ts';
import { listenToCommands } from './inbound/command-listener.ts';
import { listenToDirectoryChanges } from './inbound/directory-events.ts';
import { listenToHome } from './inbound/home-listener.ts';
import { listenToInstallChanges } from './inbound/install-events.ts';
import { listenToMessages } from './inbound/message-listener.ts';
import { listenToQuestionButtons } from './inbound/question-actions.ts';
import { listenToStatementAdding } from './inbound/statement-adding.ts';
import { listenToStatementDealing } from './inbound/statement-dealing.ts';
import { listenToStatementProposing } from './inbound/statement-proposing.ts';
import { listenToStatementReview } from './inbound/statement-review.ts';
import { UserDirectory } from './inbound/user-directory.ts';
import { listenToVotes } from './inbound/vote-actions.ts';
import { listenToStanding } from './inbound/where-i-stand.ts';
import { SlackPlatform } from './outbound/slack-platform.ts';
import type { OrganiserCheck, SlackContext } from './slack-context.ts';
import { type ConnectionMode, connectionMode, type SlackAdapterConfig, usesOAuth } from './transport/adapter-config.ts';
import { boltLogger } from './transport/bolt-logger.ts';
import {
  databaseInstallationStore,
  installedBotToken,
  type SlackInstallations,
} from './transport/installation-store.ts';
import { describeSlackError } from './transport/platform-errors.ts';
import { createReceivers, type HttpMount, SLACK_PATHS } from './transport/receivers.ts';
import { RetryAfterQueue } from './transport/retry-after-queue.ts';
import { SlackApi, type TokenSource } from './transport/slack-api.ts';
import { WorkTracker } from './transport/work-tracker.ts';

export interface SlackAdapterOptions {
  config: SlackAdapterConfig;
  /** What the adapter may ask of the core: submit what people do, run commands, read. Never the store. */
  consultation: Consultation;
  /** Where OAuth installations are kept (needed only with OAuth). */
  installations?: SlackInstallations;
  registry: CommandRegistry;
  /** People listed as organisers (ORGANISERS); workspace admins and owners count too. */
  isOrganiser?: OrganiserCheck;
  /** The one HTTP server; needed in HTTP mode and for the OAuth install flow. */
  http?: HttpMount;
  logger?: Logger;
}

export interface SlackAdapter {
  readonly platform: SlackPlatform;
  readonly mode: ConnectionMode;
  /** The Bolt app, for tests and diagnostics. */
  readonly app: App;
  /** Connects (Socket Mode), checks the token, then catches up on replies missed while Agora was down. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Records thread replies posted while Agora was not listening; runs at start and after every reconnect. */
  catchUp(): Promise<CatchUpSummary | undefined>;
}

interface BotIdentity {
  botUserId: string;
  botId: string;
  teamId: string;
  team: string;
}

function checkConfig(config: SlackAdapterConfig, http: HttpMount | undefined): void {
  const problem = (message: string) => new AgoraError('CONFIG_INVALID', message, {});
  if (!config.botToken && !usesOAuth(config))
    throw problem(
      'Slack needs SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET (OAuth).',
    );
  if (connectionMode(config) === 'http' && !config.signingSecret)
    throw problem('Slack over HTTP needs SLACK_SIGNING_SECRET; or set SLACK_APP_TOKEN to use Socket Mode.');
  if ((connectionMode(config) === 'http' || usesOAuth(config)) && !http)
    throw problem('Slack over HTTP and the OAuth install flow need the HTTP server to mount /slack/ on.');
}

/** The Slack adapter: a Bolt app wired to the core, and the ChatPlatform the core posts through. */
export function createSlackAdapter(options: SlackAdapterOptions): SlackAdapter {
  const { config, consultation, registry, http } = options;
  checkConfig(config, http);
  const logger = options.logger ?? consultation.logger;
  const sdkLogger = boltLogger(logger);
  const mode = connectionMode(config);
  const oauth = usesOAuth(config);
  if (oauth && config.botToken) logger.warn({}, 'OAuth is configured, so SLACK_BOT_TOKEN is not used');

  const clientOptions: webApi.WebClientOptions = {
    slackApiUrl: config.apiUrl,
    logger: sdkLogger,
    retryConfig: { retries: config.retries ?? 2, factor: 2, minTimeout: 500, maxTimeout: 5000 },
    // 429s are handled by the queue below, which honours Retry-After for every call.
    rejectRateLimitedCalls: true,
  };
  if (oauth && !options.installations)
    throw new AgoraError('CONFIG_INVALID', 'Slack OAuth needs somewhere to keep installations.', {});
  const installationStore =
    oauth && options.installations ? databaseInstallationStore(options.installations) : undefined;
  const receivers = createReceivers(config, clientOptions, installationStore, sdkLogger);

  const tokens: TokenSource = installationStore
    ? (team) => installedBotToken(installationStore, team)
    : async () => config.botToken ?? '';
  const queue = new RetryAfterQueue({
    maxAttempts: config.rateLimitAttempts ?? 5,
    onRateLimited: (key, seconds, attempt) =>
      logger.warn({ call: key, retryAfterSeconds: seconds, attempt }, 'Slack rate limit: waiting as Slack asks'),
  });
  const api = new SlackApi(new webApi.WebClient(undefined, clientOptions), tokens, queue);
  const people = new UserDirectory(api, logger);
  const platform = new SlackPlatform(api, logger, people);
  const work = new WorkTracker();
  const ctx: SlackContext = {
    consultation,
    api,
    people,
    registry,
    isOrganiser: options.isOrganiser ?? (() => false),
    logger,
  };

  // One workspace: who the bot is comes from auth.test, asked once (again after a failure).
  let identity: Promise<BotIdentity> | undefined;
  const whoAmI = (): Promise<BotIdentity> => {
    identity ??= api
      .call<{ user_id?: string; bot_id?: string; team_id?: string; team?: string }>('', 'auth.test', {})
      .then((r) => ({ botUserId: r.user_id ?? '', botId: r.bot_id ?? '', teamId: r.team_id ?? '', team: r.team ?? '' }))
      .catch((error: unknown) => {
        identity = undefined;
        throw error;
      });
    return identity;
  };
  const installer = receivers.oauth?.installer;
  const authorize = installer
    ? (source: Parameters<typeof installer.authorize>[0]) => installer.authorize(source)
    : async (): Promise<AuthorizeResult> => {
        const me = await whoAmI();
        return { botToken: config.botToken, botUserId: me.botUserId, botId: me.botId, teamId: me.teamId };
      };

  // No conversation store: Agora keeps no per-conversation state in Bolt, and it costs time on every event.
  const app = new App({ receiver: receivers.events, authorize, logger: sdkLogger, clientOptions, convoStore: false });
  acknowledgeWhenKept(app, receivers.events, logger);
  app.error(async (error) => {
    if (isNotKept(error)) {
      // Not acknowledged: Slack gets an error (HTTP 500, or no Socket Mode ack) and sends it again.
      logger.warn({ err: error }, 'a Slack delivery could not be kept; Slack will send it again');
      throw error;
    }
    logger.error({ err: error, code: error.code }, 'a Slack listener failed');
  });
  app.use(async ({ next }) => {
    await work.run(next);
  });
  const commandName = config.commandName ?? '/agora';
  listenToMessages(app, ctx);
  listenToVotes(app, ctx);
  listenToQuestionButtons(app, ctx);
  listenToStatementDealing(app, ctx);
  listenToStatementAdding(app, ctx);
  listenToStatementReview(app, ctx);
  listenToStanding(app, ctx);
  listenToStatementProposing(app, ctx);
  listenToCommands(app, ctx, commandName);
  listenToHome(app, ctx);
  listenToDirectoryChanges(app, ctx);
  if (installationStore && options.installations) listenToInstallChanges(app, options.installations, logger);
  listenToEverythingElse(app, ctx, commandName);
  if (receivers.route && http) http.mount(SLACK_PATHS.prefix, receivers.route);

  const catchUps = new CatchUpSchedule(ctx, work, logger);
  let stopped = false;

  return {
    platform,
    mode,
    app,
    async start() {
      if (!oauth) {
        try {
          const me = await whoAmI();
          logger.info({ team: me.team, teamId: me.teamId, mode }, 'Slack: token accepted');
          // In the background: nothing waits for it but lookups of people it has not listed yet.
          void people.list(me.teamId);
        } catch (error) {
          const failure = describeSlackError(error, 'Slack');
          throw new AgoraError(
            'PLATFORM_ERROR',
            `Slack refused SLACK_BOT_TOKEN (${failure.slackError}). ${failure.advice}`,
            { slackError: failure.slackError },
          );
        }
      }
      if (receivers.events instanceof SocketModeReceiver) {
        const socket = receivers.events.client;
        await app.start();
        // Attached once connected, so every later 'connected' is a reconnect.
        let reconnects = 0;
        socket.on('connected', () => {
          reconnects++;
          if (!stopped) {
            logger.info({ reconnects }, 'Slack Socket Mode reconnected; catching up on missed replies');
            void catchUps.run();
          }
        });
      }
      logger.info(
        { mode, oauth, events: mode === 'http' ? SLACK_PATHS.events : 'socket' },
        mode === 'socket' ? 'Slack connected over Socket Mode' : `Slack requests are served at ${SLACK_PATHS.events}`,
      );
      await catchUps.run();
    },
    async stop() {
      stopped = true;
      people.stop();
      if (receivers.events instanceof SocketModeReceiver) await app.stop();
      await work.settle(5000);
    },
    catchUp: () => catchUps.run(),
  };
}
