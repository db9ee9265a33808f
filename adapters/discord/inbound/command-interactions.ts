import type { ChatInputCommandInteraction } from 'discord.js';
import { deferBudget, type InteractionContext } from '../interaction-context.ts';
import { answerPrivately } from '../outbound/interaction-replies.ts';
import { interactionChannel, interactionIdentity, isOrganiserMember } from './interaction-identity.ts';
import { commandText } from './slash-commands.ts';

/**
 * `/agora ...`: the subcommand and options as the text the core parses, run for the member (an organiser when
 * they have the organiser role, Manage Server, or are listed). The reply is private; a reply meant for the
 * channel follows it publicly; files (such as `mydata`) come attached.
 */
export function agoraCommand(context: InteractionContext, interaction: ChatInputCommandInteraction): Promise<void> {
  return answerPrivately(
    interaction,
    async () => {
      const reply = await context.consultation.runCommand(context.registry, {
        actor: interactionIdentity(interaction),
        actorIsOrganiser: isOrganiserMember(interaction, context.organiserRole, context.isOrganiser),
        text: commandText(interaction.options.data),
        channel: interactionChannel(interaction),
        invocationId: `discord:interaction:${interaction.id}`,
      });
      return {
        text: reply.visibility === 'channel' ? 'Done; the answer is posted for the channel to see.' : reply.text,
        ...(reply.file && { file: { name: reply.file.name, content: reply.file.content } }),
        ...(reply.visibility === 'channel' && { publicText: reply.text }),
      };
    },
    context.logger,
    '/agora',
    deferBudget(context),
  );
}
