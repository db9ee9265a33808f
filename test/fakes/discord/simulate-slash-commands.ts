import {
  type APIApplicationCommand,
  type APIApplicationCommandOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionType,
} from 'discord.js';
import type { FakeContext } from './context.ts';
import { type InteractionHandle, interact, knownChannel } from './interaction-dispatch.ts';
import type { FakeChannel } from './world.ts';

type Json = Record<string, unknown>;
export type OptionValue = string | number | boolean;

function registeredCommand(context: FakeContext, name: string, channel: FakeChannel): APIApplicationCommand {
  const guildId = context.world.guildOf(channel)?.id;
  const isSlash = (command: APIApplicationCommand) =>
    command.name === name && command.type === ApplicationCommandType.ChatInput;
  const command =
    (guildId ? context.world.commands.get(guildId)?.find(isSlash) : undefined) ??
    context.world.commands.get('global')?.find(isSlash);
  if (!command) throw new Error(`No slash command /${name} is registered where channel ${channel.data.id} is`);
  return command;
}

function optionValue(context: FakeContext, option: APIApplicationCommandOption, value: OptionValue, resolved: Json) {
  const { world } = context;
  const wrong = () => new Error(`Option ${option.name} cannot take ${JSON.stringify(value)}`);
  switch (option.type) {
    case ApplicationCommandOptionType.String:
      if (typeof value !== 'string') throw wrong();
      break;
    case ApplicationCommandOptionType.Integer:
      if (!Number.isInteger(value)) throw wrong();
      break;
    case ApplicationCommandOptionType.Number:
      if (typeof value !== 'number') throw wrong();
      break;
    case ApplicationCommandOptionType.Boolean:
      if (typeof value !== 'boolean') throw wrong();
      break;
    case ApplicationCommandOptionType.User: {
      const user = world.users.get(String(value));
      if (!user) throw wrong();
      resolved.users = { ...(resolved.users as Json), [user.data.id]: user.data };
      break;
    }
    case ApplicationCommandOptionType.Channel: {
      const target = world.findChannel(String(value));
      if (!target) throw wrong();
      resolved.channels = { ...(resolved.channels as Json), [target.data.id]: target.data };
      break;
    }
    default:
      throw new Error(`Options of type ${option.type} are not simulated`);
  }
  const choices = 'choices' in option ? option.choices : undefined;
  if (choices && !choices.some((choice) => choice.value === value)) throw wrong();
  return { name: option.name, type: option.type, value };
}

export interface SlashCommandRun {
  name: string;
  subcommandGroup?: string;
  subcommand?: string;
  options?: Record<string, OptionValue>;
  userId: string;
  channelId: string;
}

/** A person runs a registered slash command; options are typed and checked against its registration. */
export function userRunsSlashCommand(context: FakeContext, run: SlashCommandRun): InteractionHandle {
  const channel = knownChannel(context, run.channelId);
  const command = registeredCommand(context, run.name, channel);
  const pick = (
    options: APIApplicationCommandOption[] | undefined,
    type: ApplicationCommandOptionType,
    name?: string,
  ) => {
    const hasNested = options?.some((option) => option.type === type) ?? false;
    if (!hasNested && name === undefined) return undefined;
    const found = options?.find((option) => option.type === type && option.name === name);
    if (!found) throw new Error(`/${run.name} has no ${ApplicationCommandOptionType[type]} named ${String(name)}`);
    return found as APIApplicationCommandOption & { options?: APIApplicationCommandOption[] };
  };
  const group = pick(command.options, ApplicationCommandOptionType.SubcommandGroup, run.subcommandGroup);
  const subcommand = pick(
    group ? group.options : command.options,
    ApplicationCommandOptionType.Subcommand,
    run.subcommand,
  );
  const definitions = ((subcommand ?? group ?? command).options ?? []) as APIApplicationCommandOption[];
  const resolved: Json = {};
  const given = Object.entries(run.options ?? {}).map(([name, value]) => {
    const definition = definitions.find((option) => option.name === name);
    if (!definition) throw new Error(`/${run.name} has no option ${name}`);
    return optionValue(context, definition, value, resolved);
  });
  for (const definition of definitions) {
    if ('required' in definition && definition.required && !(definition.name in (run.options ?? {}))) {
      throw new Error(`/${run.name} needs option ${definition.name}`);
    }
  }
  let options: unknown[] = given;
  if (subcommand) options = [{ type: subcommand.type, name: subcommand.name, options }];
  if (group) options = [{ type: group.type, name: group.name, options }];
  return interact(context, 'interaction-slash-command', {
    type: InteractionType.ApplicationCommand,
    userId: run.userId,
    channel,
    data: {
      id: command.id,
      name: command.name,
      type: ApplicationCommandType.ChatInput,
      options,
      ...(command.guild_id && { guild_id: command.guild_id }),
      ...(Object.keys(resolved).length > 0 && { resolved }),
    },
  });
}
