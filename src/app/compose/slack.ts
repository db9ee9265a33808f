import type { HttpServer } from '../../../adapters/http/server.ts';
import { createSlackAdapter, type SlackAdapter } from '../../../adapters/slack/index.ts';
import type { CommandRegistry } from '../../core/commands/command-registry.ts';
import type { Consultation } from '../../core/consultation/consultation.ts';
import type { CoreDeps } from '../../core/consultation/deps.ts';
import type { InboundPipeline } from '../../core/inbound/pipeline.ts';
import { type Config, platformsConfigured } from '../config.ts';

/**
 * Wires the Slack adapter when SLACK_BOT_TOKEN or the OAuth settings are set: its requests under /slack/ on the one
 * HTTP server (HTTP mode and the OAuth install flow), organisers from ORGANISERS. Null when Slack is not configured.
 */
export function mountSlackAdapter(input: {
  config: Config;
  deps: CoreDeps;
  http: HttpServer;
  commands: CommandRegistry;
  /** The inbound pipeline every adapter hands what people do to. */
  pipeline?: InboundPipeline;
  /** What the adapter may ask of the core (instead of the store). */
  consultation: Consultation;
}): SlackAdapter | null {
  const { config, deps, http, commands, consultation } = input;
  if (!platformsConfigured(config).slack) return null;
  const organisers = config.ORGANISERS.slack;
  return createSlackAdapter({
    config: {
      botToken: config.SLACK_BOT_TOKEN,
      signingSecret: config.SLACK_SIGNING_SECRET,
      appToken: config.SLACK_APP_TOKEN,
      apiUrl: config.SLACK_API_URL,
      clientId: config.SLACK_CLIENT_ID,
      clientSecret: config.SLACK_CLIENT_SECRET,
      stateSecret: config.SLACK_STATE_SECRET,
    },
    consultation,
    installations: deps.store.installations,
    registry: commands,
    isOrganiser: (userId) => organisers.has(userId),
    http,
    logger: deps.logger,
  });
}

/** Connects Slack and registers it with the core; a refusal (a bad token) is logged and Slack left out. */
export async function startSlackAdapter(adapter: SlackAdapter | null, deps: CoreDeps): Promise<void> {
  if (!adapter) return;
  try {
    await adapter.start();
    deps.platforms.register(adapter.platform);
  } catch (error) {
    deps.logger.error({ err: error }, `Slack is not connected: ${(error as Error).message}`);
  }
}
