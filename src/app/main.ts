import { allExportFormats } from '../../adapters/exports/all-formats.ts';
import { loadProgrammeDirectory } from '../../adapters/files/load-programme-files.ts';
import { formatProblem } from '../../adapters/files/read-programme-file.ts';
import { DIGEST_ROUTE_PREFIX, digestExportRoute } from '../../adapters/http/digest-route.ts';
import { createHealthRoutes } from '../../adapters/http/mount-health.ts';
import { HttpServer } from '../../adapters/http/server.ts';
import { maskDatabaseUrl } from '../../adapters/prisma/database-url.ts';
import { openStore } from '../../adapters/prisma/prisma-store.ts';
import { bookkeepingJobHandlers, planBookkeeping } from '../../adapters/scheduler/bookkeeping-jobs.ts';
import { createConsultationScheduler } from '../../adapters/scheduler/create-scheduler.ts';
import { planProgrammeJobs } from '../../adapters/scheduler/plan-programme-jobs.ts';
import { startSummaryRefresh } from '../../adapters/scheduler/summary-jobs.ts';
import { createCommandRegistry } from '../core/commands/default-commands.ts';
import { registerDigestCommands } from '../core/commands/digest-commands.ts';
import { createConsultation } from '../core/consultation/consultation.ts';
import { PlatformRegistry } from '../core/consultation/deps.ts';
import { deliverDigest } from '../core/digest/deliver-digest.ts';
import { exportOne } from '../core/digest/prepare-export.ts';
import { isAgoraError } from '../core/errors.ts';
import { systemClock } from '../core/ports/clock.ts';
import { channelDirectory, parseChannelMap } from './channel-map.ts';
import { startDiscordAdapter } from './compose/discord.ts';
import { mountDigestEmail } from './compose/email.ts';
import { createInboundPipeline } from './compose/pipeline.ts';
import { guardProcess } from './compose/process-guard.ts';
import { reminderPolicyOf } from './compose/reminder-policy.ts';
import { agoraShutdownSteps, exitOnSignals, shutDown } from './compose/shutdown.ts';
import { mountSlackAdapter, startSlackAdapter } from './compose/slack.ts';
import { summaryWriterFrom } from './compose/summary-writer-from-config.ts';
import { mountTeamsAdapter } from './compose/teams.ts';
import { mountWebAdapter } from './compose/web.ts';
import { whileStoreAway } from './compose/while-store-away.ts';
import { ConfigError, loadDotEnv, platformsConfigured, readConfig } from './config.ts';
import { createLogger } from './logger.ts';

/** The composition root: the only place that wires configuration, store, adapters, scheduler and HTTP together. */
async function main(): Promise<void> {
  let config: ReturnType<typeof readConfig>;
  try {
    loadDotEnv();
    config = readConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`${error.message}\nSee .env.example for what each variable should look like. Nothing was started.`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  // One bad callback (an SDK that cannot parse a packet, a stray rejection) is logged and does not end the process.
  const guard = guardProcess(logger);
  const channelMap = parseChannelMap(config.CHANNEL_MAP);
  if (channelMap.problems.length > 0) {
    console.error(
      `CHANNEL_MAP is not valid:\n${channelMap.problems.map((p) => `  - ${p}`).join('\n')}\nNothing was started.`,
    );
    process.exit(2);
  }

  logger.info({ database: maskDatabaseUrl(config.DATABASE_URL) }, 'opening the database (migrating if needed)');
  const store = await openStore(config.DATABASE_URL);
  const platforms = new PlatformRegistry();
  // Written summaries of open questions, when LLM_BASE_URL names an endpoint; extractive themes otherwise.
  const summaries = { summaryWriter: summaryWriterFrom(config), summaryWriterTimeoutMs: config.LLM_TIMEOUT_MS };
  const deps = { store, clock: systemClock, logger, platforms, ...summaries };

  const { sandbox, ...configured } = platformsConfigured(config);
  const directory = channelDirectory(channelMap.map, sandbox);

  for (const result of await loadProgrammeDirectory(store, config.PROGRAMMES_DIR, directory)) {
    if (result.problems)
      logger.error(
        { file: result.file, problems: result.problems.map(formatProblem) },
        'programme file has problems; not loaded',
      );
    else if (result.error) logger.error({ file: result.file, error: result.error }, 'programme not loaded');
    else logger.info({ file: result.file, slug: result.slug, changes: result.changes }, 'programme loaded');
  }

  // Everything people do on any platform goes through this: stored in the inbox before the platform is answered.
  const pipeline = createInboundPipeline(deps);
  // What adapters are given instead of the store: the pipeline, the commands and read-only queries.
  const consultation = createConsultation(deps, pipeline);
  const http = new HttpServer(logger);
  for (const [prefix, handler] of createHealthRoutes(store, { pipeline, guard })) http.mount(prefix, handler);
  // Digests and exports: `/agora digest` and `/agora export` in chat, GET /api/programmes/:slug/digests/:week.:format.
  const exportFormats = allExportFormats();
  const reminders = reminderPolicyOf(config);
  const commands = createCommandRegistry(reminders, summaries);
  registerDigestCommands(commands, exportFormats);
  http.mount(
    DIGEST_ROUTE_PREFIX,
    digestExportRoute({
      token: config.ORGANISER_API_TOKEN,
      exportFile: (request) => exportOne(deps, exportFormats, request),
    }),
  );
  // Digests by e-mail (SMTP_URL): one job per recipient and week; readers unsubscribe at /email/unsubscribe.
  const email = mountDigestEmail({ config, deps, http, formats: exportFormats });
  // The web adapter: the sandbox channels (a ChatPlatform, when the sandbox is on) and the organisers' dashboard.
  mountWebAdapter({ config, deps, http, sandbox, directory, commands, consultation });
  // Slack: Socket Mode or HTTP (under /slack/ on this server), one workspace or many through OAuth.
  const slack = mountSlackAdapter({ config, deps, http, commands, pipeline, consultation });
  // Microsoft Teams: activities from the Bot Connector at POST /api/messages on this server.
  mountTeamsAdapter({ config, deps, http, commands, consultation });

  if (!configured.slack)
    logger.info({}, 'Slack is not connected: set SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET or SLACK_APP_TOKEN');
  if (!configured.discord) logger.info({}, 'Discord is not connected: set DISCORD_TOKEN and DISCORD_APPLICATION_ID');
  if (!configured.teams)
    logger.info({}, 'Teams is not connected: set TEAMS_APP_ID, TEAMS_APP_PASSWORD and TEAMS_TENANT_ID');

  const port = await http.listen(config.PORT, config.HOST);
  await startSlackAdapter(slack, deps);
  // Discord: the gateway (sharded as DISCORD_SHARD_COUNT says) and interactions; catches up on missed replies.
  const discord = await startDiscordAdapter({ config, deps, commands, consultation });
  // What an earlier run stored and did not apply is applied first, alongside what arrives now.
  await pipeline.start();
  logger.info(
    { port, platforms: platforms.list().map((p) => p.platform), sandbox },
    `Open http://localhost:${port} to try Agora${sandbox ? ' (sandbox channels and dashboard)' : ' (dashboard)'}`,
  );

  // The scheduler: plan every programme's jobs, then run them; replicas share the job table safely.
  for (const programme of await whileStoreAway(logger, 'list the programmes', () => store.programmes.list())) {
    await planProgrammeJobs(deps, programme.slug).catch((error: unknown) =>
      logger.error({ err: error, programme: programme.slug }, 'could not plan the programme jobs'),
    );
  }
  // Inbox events applied and event ids seen longer ago than any platform redelivers are purged every six hours.
  await planBookkeeping(store.jobs, systemClock.now()).catch((error: unknown) =>
    logger.error({ err: error }, 'could not plan the bookkeeping purge'),
  );
  const scheduler = createConsultationScheduler(deps, {
    tick: config.SCHEDULER_TICK,
    quietHours: reminders.quiet,
    reminderIntervalHours: reminders.intervalHours,
    deliverDigest: async (programmeId, week) => {
      // E-mails are planned first: a chat channel that fails (and retries the digest job) does not hold them back.
      await email.plan(programmeId, week);
      await deliverDigest(deps, programmeId, week);
    },
    handlers: { ...email.handlers, ...bookkeepingJobHandlers(deps) },
    summaries: { summaryDeps: summaries },
  });
  // Summaries are kept current in the background, so nobody waits for one to be computed.
  await whileStoreAway(logger, 'start the summary sweep', () => startSummaryRefresh(deps));
  scheduler.start();

  // Stopping: nothing new comes in, the inbox's commit in flight is finished, then the platforms, then the store.
  exitOnSignals(logger, () =>
    shutDown(
      logger,
      agoraShutdownSteps({ scheduler, email, http: { stop: () => http.close() }, pipeline, slack, discord, store }),
    ),
  );
}

main().catch((error: unknown) => {
  if (isAgoraError(error)) console.error(`${error.code}: ${error.message}`);
  else console.error(error);
  process.exit(1);
});
