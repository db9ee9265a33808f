import { createDiscordAdapter, type DiscordAdapter } from '../../adapters/discord/index.ts';
import type { Config } from '../config.ts';
import type { CommandRegistry } from '../core/commands/command-registry.ts';
import type { Consultation } from '../core/consultation/consultation.ts';
import type { CoreDeps } from '../core/consultation/deps.ts';

/** Discord user ids listed in ORGANISERS (`slack:U012AB3CD,discord:123456789`). */
export function discordOrganisers(organisers: string): Set<string> {
  return new Set(
    organisers
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry.startsWith('discord:'))
      .map((entry) => entry.slice('discord:'.length).trim())
      .filter(Boolean),
  );
}

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
  if (!config.DISCORD_TOKEN || !config.DISCORD_APPLICATION_ID) return null;
  const organisers = discordOrganisers(config.ORGANISERS);
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
