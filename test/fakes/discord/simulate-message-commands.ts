import { type APIApplicationCommand, ApplicationCommandType, InteractionType } from 'discord.js';
import type { FakeContext } from './context.ts';
import { type InteractionHandle, interact } from './interaction-dispatch.ts';
import type { FakeChannel } from './world.ts';

export interface MessageCommandRun {
  /** The command's name as the Apps menu lists it, e.g. "Propose as a statement". */
  name: string;
  userId: string;
  messageId: string;
}

function registeredMessageCommand(context: FakeContext, name: string, channel: FakeChannel): APIApplicationCommand {
  const guildId = context.world.guildOf(channel)?.id;
  const matches = (command: APIApplicationCommand) =>
    command.name === name && command.type === ApplicationCommandType.Message;
  const command =
    (guildId ? context.world.commands.get(guildId)?.find(matches) : undefined) ??
    context.world.commands.get('global')?.find(matches);
  if (!command) throw new Error(`No message command "${name}" is registered where channel ${channel.data.id} is`);
  return command;
}

/**
 * A person picks a registered message command from a message's Apps menu. Discord sends an APPLICATION_COMMAND
 * interaction of type MESSAGE (3) in the message's channel, naming the message in `data.target_id` and carrying it
 * whole in `data.resolved.messages`.
 */
export function userRunsMessageCommand(context: FakeContext, run: MessageCommandRun): InteractionHandle {
  const message = context.world.messages.get(run.messageId);
  if (!message) throw new Error(`No message ${run.messageId}`);
  const channel = context.world.findChannel(message.channel_id);
  if (!channel) throw new Error(`No channel ${message.channel_id}`);
  const command = registeredMessageCommand(context, run.name, channel);
  return interact(context, 'interaction-slash-command', {
    type: InteractionType.ApplicationCommand,
    userId: run.userId,
    channel,
    data: {
      id: command.id,
      name: command.name,
      type: ApplicationCommandType.Message,
      target_id: message.id,
      resolved: { messages: { [message.id]: message } },
      ...(command.guild_id && { guild_id: command.guild_id }),
    },
  });
}
