import type { CoreDeps } from '../consultation/deps.ts';
import { UserError } from '../errors.ts';
import type { OutgoingFile } from '../ports/chat-platform.ts';
import type { ParticipantRecord } from '../records.ts';
import type { ChannelAddress, PlatformIdentity } from '../types.ts';

/** `/agora <subcommand> ...`, the same on every platform. Adapters parse nothing: they pass the text through. */

export interface CommandInvocation {
  actor: PlatformIdentity;
  /** What the platform knows: a Discord member with the organiser role or Manage Server, a listed Slack user. */
  actorIsOrganiser: boolean;
  text: string;
  channel: ChannelAddress | null;
  /** Idempotency key of the invocation (interaction id, trigger id), for audit records. */
  invocationId: string;
}

export interface CommandReply {
  text: string;
  /** Private replies are seen by the invoker only (ephemeral); public ones by the channel. */
  visibility: 'private' | 'channel';
  file?: OutgoingFile;
}

export interface CommandContext {
  deps: CoreDeps;
  invocation: CommandInvocation;
  actor: ParticipantRecord;
  isOrganiser: boolean;
  args: string[];
}

export interface CommandDefinition {
  name: string;
  usage: string;
  summary: string;
  organiserOnly: boolean;
  run(context: CommandContext): Promise<CommandReply>;
}

export class CommandRegistry {
  readonly #commands = new Map<string, CommandDefinition>();

  register(command: CommandDefinition): this {
    this.#commands.set(command.name, command);
    return this;
  }

  list(): CommandDefinition[] {
    return [...this.#commands.values()];
  }

  get(name: string): CommandDefinition | undefined {
    return this.#commands.get(name);
  }
}

export const privateReply = (text: string, file?: OutgoingFile): CommandReply => ({
  text,
  visibility: 'private',
  ...(file ? { file } : {}),
});

/** Runs a command. User mistakes come back as polite private replies; bugs are thrown for the adapter to log. */
export async function runCommand(
  deps: CoreDeps,
  registry: CommandRegistry,
  invocation: CommandInvocation,
): Promise<CommandReply> {
  const args = invocation.text.trim().split(/\s+/).filter(Boolean);
  const name = (args.shift() ?? 'help').toLowerCase();
  const command = registry.get(name);
  if (!command) {
    throw new UserError('UNKNOWN_COMMAND', `I don't know "/agora ${name}". Try \`/agora help\` for what I can do.`, {
      name,
    });
  }
  const actor = await deps.store.participants.upsert(invocation.actor);
  const isOrganiser = invocation.actorIsOrganiser || actor.role === 'organiser';
  if (command.organiserOnly && !isOrganiser) {
    throw new UserError(
      'NOT_ORGANISER',
      `Sorry, \`/agora ${name}\` is for the consultation's organisers. You can use \`/agora status\`, \`/agora mydata\` and \`/agora help\`.`,
    );
  }
  const reply = await command.run({ deps, invocation, actor, isOrganiser, args });
  if (command.organiserOnly) {
    await deps.store.audit.record({
      programmeId: null,
      actor: `${invocation.actor.platform}:${invocation.actor.platformUserId}`,
      action: `command.${name}`,
      detail: { args, invocationId: invocation.invocationId },
    });
  }
  return reply;
}
