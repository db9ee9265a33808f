import { type REST, type RESTPutAPIApplicationCommandsResult, Routes } from 'discord.js';
import { AGORA_COMMAND } from '../inbound/slash-commands.ts';
import { PROPOSE_STATEMENT_COMMAND } from '../message-commands.ts';

/**
 * Registers `/agora` and the message command "Propose as a statement" by bulk overwrite: in one guild (immediate, for trying it out) or globally (every guild the
 * app is in; Discord may take a while to show changes). Commands of the scope that Agora no longer has are removed.
 */
export async function registerSlashCommands(
  rest: REST,
  applicationId: string,
  guildId?: string,
): Promise<RESTPutAPIApplicationCommandsResult> {
  const route = guildId
    ? Routes.applicationGuildCommands(applicationId, guildId)
    : Routes.applicationCommands(applicationId);
  return (await rest.put(route, {
    body: [AGORA_COMMAND, PROPOSE_STATEMENT_COMMAND],
  })) as RESTPutAPIApplicationCommandsResult;
}
