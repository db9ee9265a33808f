/** The Discord adapter: discord.js gateway and interactions in, REST out. See README-section.md. */
export {
  createDiscordAdapter,
  type DiscordAdapter,
  type DiscordAdapterConfig,
  type DiscordAdapterOptions,
} from './create-discord-adapter.ts';
export type { OrganiserList } from './interaction-identity.ts';
export { registerSlashCommands } from './register-commands.ts';
export { AGORA_COMMAND } from './slash-commands.ts';
