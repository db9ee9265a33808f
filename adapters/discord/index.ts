/** The Discord adapter: discord.js gateway and interactions in, REST out. See README-section.md. */
export {
  createDiscordAdapter,
  type DiscordAdapter,
  type DiscordAdapterConfig,
  type DiscordAdapterOptions,
} from './create-discord-adapter.ts';
export type { OrganiserList } from './inbound/interaction-identity.ts';
export { AGORA_COMMAND } from './inbound/slash-commands.ts';
export { registerSlashCommands } from './transport/register-commands.ts';
