import { type ButtonInteraction, MessageFlags } from 'discord.js';
import type { InteractionContext } from '../interaction-context.ts';
import { interactionIdentity } from './interaction-identity.ts';
import { noticeFor } from './submit-interaction.ts';

/**
 * "Where do I stand" on a statement card: the reply is deferred privately at once (working it out may take longer
 * than Discord's 3 seconds), and the core fills it in with where the person stands.
 */
export async function whereIStandButton(
  context: InteractionContext,
  interaction: ButtonInteraction,
  questionId: string,
): Promise<void> {
  try {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    await context.consultation.tellWhereTheyStand({
      questionId,
      person: interactionIdentity(interaction),
      recipient: noticeFor(interaction, 'edit'),
    });
  } catch (error) {
    context.logger.error({ err: error, interaction: interaction.id }, 'could not tell a person where they stand');
  }
}
