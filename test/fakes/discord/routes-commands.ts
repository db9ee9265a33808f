import { type APIApplicationCommand, ApplicationCommandType, ApplicationIntegrationType } from 'discord.js';
import type { FakeContext } from './context.ts';
import { missingAccess, unknownGuild } from './errors.ts';
import { json, type RestRequest, type Route } from './router.ts';
import { checkCommands } from './validate-commands.ts';

/** The key under which commands are kept: 'global', or the guild id after checking the bot is in it. */
function scope(context: FakeContext, request: RestRequest): string {
  const { applicationId, guildId } = request.params;
  if (applicationId !== context.world.applicationId) throw missingAccess();
  if (guildId === undefined) return 'global';
  if (!context.world.guilds.has(guildId)) throw unknownGuild();
  return guildId;
}

/** Replaces every command of a scope; a command keeps its id when one of the same type and name existed. */
function overwrite(context: FakeContext, request: RestRequest) {
  const { world } = context;
  const key = scope(context, request);
  const previous = world.commands.get(key) ?? [];
  const commands = checkCommands(request.body).map((command): APIApplicationCommand => {
    const type = (command.type as ApplicationCommandType | undefined) ?? ApplicationCommandType.ChatInput;
    const existing = previous.find((candidate) => candidate.type === type && candidate.name === command.name);
    return {
      ...(command as Partial<APIApplicationCommand>),
      id: existing?.id ?? world.nextId(),
      application_id: world.applicationId,
      version: world.nextId(),
      type,
      name: command.name as string,
      description: (command.description as string | undefined) ?? '',
      default_member_permissions: (command.default_member_permissions as string | null | undefined) ?? null,
      integration_types: (command.integration_types as ApplicationIntegrationType[] | undefined) ?? [
        ApplicationIntegrationType.GuildInstall,
      ],
      contexts: (command.contexts as APIApplicationCommand['contexts']) ?? null,
      nsfw: (command.nsfw as boolean | undefined) ?? false,
      ...(key !== 'global' && { guild_id: key }),
    };
  });
  world.commands.set(key, commands);
  return json(commands);
}

/** Bulk overwrite and listing of global and guild application commands. */
export function commandRoutes(context: FakeContext): Route[] {
  const list = (request: RestRequest) => json(context.world.commands.get(scope(context, request)) ?? []);
  return [
    {
      method: 'PUT',
      pattern: '/applications/:applicationId/commands',
      handle: (request) => overwrite(context, request),
    },
    { method: 'GET', pattern: '/applications/:applicationId/commands', handle: list },
    {
      method: 'PUT',
      pattern: '/applications/:applicationId/guilds/:guildId/commands',
      handle: (request) => overwrite(context, request),
    },
    { method: 'GET', pattern: '/applications/:applicationId/guilds/:guildId/commands', handle: list },
  ];
}
