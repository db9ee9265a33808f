import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord.js';

/** The message context menu command (Apps → "Propose as a statement") on a reply in a question's thread. */
export const PROPOSE_STATEMENT_COMMAND: RESTPostAPIContextMenuApplicationCommandsJSONBody = {
  name: 'Propose as a statement',
  type: ApplicationCommandType.Message,
  contexts: [InteractionContextType.Guild],
  integration_types: [ApplicationIntegrationType.GuildInstall],
};
