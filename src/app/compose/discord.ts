import { createDiscordAdapter, type DiscordAdapter } from '../../../adapters/discord/index.ts';
import type { CommandRegistry } from '../../core/commands/command-registry.ts';
import type { Consultation } from '../../core/consultation/consultation.ts';
import type { CoreDeps } from '../../core/consultation/deps.ts';
import { type Config, platformsConfigured } from '../config.ts';

/**
 * Connects Discord when DISCORD_TOKEN is set and registers it with the core; it catches up on missed thread
 * messages when ready and after each resume. A refusal (a bad token, an unreachable API) is logged and Discord
 * left out. Null when Discord is not configured or not connected.
 */
export async function startDiscordAdapter(input: {
  config: Config;
  deps: CoreDeps;
  commands: CommandRegistry;
  /** What the adapter may ask of the core (instead of the store). */
  consultation: Consultation;
}): Promise<DiscordAdapter | null> {
  const { config, deps, commands, consultation } = input;
  if (!platformsConfigured(config).discord || !config.DISCORD_TOKEN || !config.DISCORD_APPLICATION_ID) return null;
  const organisers = config.ORGANISERS.discord;
  const adapter = createDiscordAdapter({
    config: {
      token: config.DISCORD_TOKEN,
      applicationId: config.DISCORD_APPLICATION_ID,
      apiUrl: config.DISCORD_API_URL,
      organiserRole: config.DISCORD_ORGANISER_ROLE,
      ...(config.DISCORD_SHARD_COUNT !== undefined && { shardCount: config.DISCORD_SHARD_COUNT }),
    },
    consultation,
    registry: commands,
    isOrganiser: (userId) => organisers.has(userId),
    logger: deps.logger,
  });
  try {
    await adapter.start();
    deps.platforms.register(adapter.platform);
    return adapter;
  } catch (error) {
    deps.logger.error({ err: error }, `Discord is not connected: ${(error as Error).message}`);
    await adapter.stop().catch(() => {});
    return null;
  }
}
