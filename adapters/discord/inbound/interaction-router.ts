import { type Interaction, MessageFlags } from 'discord.js';
import { decodeCustomId } from '../custom-ids.ts';
import type { InteractionContext } from '../interaction-context.ts';
import { PROPOSE_STATEMENT_COMMAND } from '../message-commands.ts';
import { proposalSubmitted, showProposalForm } from '../statement-proposal.ts';
import { privateAnswerSubmitted, respondSubmitted, showAnswerModal } from './answer-modals.ts';
import { agoraCommand } from './command-interactions.ts';
import type { RecentInteractions } from './recent-interactions.ts';
import { dealStatementButton, stanceButton } from './statement-interactions.ts';
import { showStatementForm, statementSubmitted } from './statement-modal.ts';
import { reviewButton } from './statement-review.ts';
import { rankingNext, rankingStart, ratingFlow, voteButton, voteSelect } from './vote-interactions.ts';
import { whereIStandButton } from './where-i-stand.ts';

const STALE = 'This control is no longer in use. Look for the latest message from Agora, or try `/agora help`.';

/**
 * Every interaction, once: Discord may deliver one twice (to this connection: an interaction goes to the one shard
 * that serves its guild), and a second answer would be refused (40060), so a redelivery is dropped here; what it
 * would have written is one event in the inbox anyway. Then by kind: `/agora`, Agora's buttons and selects (by
 * custom_id), its modals.
 */
export async function routeInteraction(
  context: Omit<InteractionContext, 'receivedAt'>,
  recent: RecentInteractions,
  interaction: Interaction,
): Promise<void> {
  if (!recent.firstSighting(interaction.id)) return;
  await handle({ ...context, receivedAt: Date.now() }, interaction);
  // A modal is not a message: there is nothing to follow up on until it is submitted.
  const opensModal =
    (interaction.isButton() && /^ag:(answer|respond|add):/.test(interaction.customId)) ||
    interaction.isMessageContextMenuCommand();
  if (interaction.isRepliable() && !opensModal) recent.remember(interaction);
}

async function handle(context: InteractionContext, interaction: Interaction): Promise<void> {
  if (interaction.isChatInputCommand()) {
    if (interaction.commandName === 'agora') return agoraCommand(context, interaction);
    await interaction.reply({ content: STALE, flags: MessageFlags.Ephemeral });
    return;
  }
  if (interaction.isMessageContextMenuCommand()) {
    if (interaction.commandName === PROPOSE_STATEMENT_COMMAND.name) return showProposalForm(context, interaction);
    await interaction.reply({ content: STALE, flags: MessageFlags.Ephemeral });
    return;
  }
  if (!interaction.isButton() && !interaction.isStringSelectMenu() && !interaction.isModalSubmit()) return;
  const id = decodeCustomId(interaction.customId);
  if (interaction.isButton()) {
    switch (id?.kind) {
      case 'vote':
        return voteButton(context, interaction, id);
      case 'rank':
        return rankingStart(context, interaction, id.questionId);
      case 'rank-save':
        return rankingNext(context, interaction, { ...id, save: true });
      case 'rate':
        return ratingFlow(context, interaction, id);
      case 'answer':
      case 'respond':
        return showAnswerModal(context, interaction, id);
      case 'deal':
        return dealStatementButton(context, interaction, id.questionId);
      case 'stance':
        return stanceButton(context, interaction, id);
      case 'add-statement':
        return showStatementForm(context, interaction, id.questionId);
      case 'stand':
        return whereIStandButton(context, interaction, id.questionId);
      case 'review':
        return reviewButton(context, interaction, id);
    }
  } else if (interaction.isStringSelectMenu()) {
    switch (id?.kind) {
      case 'select':
        return voteSelect(context, interaction, id);
      case 'rank-step':
        return rankingNext(context, interaction, { ...id, save: false });
    }
  } else {
    switch (id?.kind) {
      case 'answer':
        return privateAnswerSubmitted(context, interaction, id.questionId);
      case 'respond':
        return respondSubmitted(context, interaction, id.questionId);
      case 'add-statement':
        return statementSubmitted(context, interaction, id.questionId);
      case 'propose':
        return proposalSubmitted(context, interaction, id);
    }
  }
  await interaction.reply({ content: STALE, flags: MessageFlags.Ephemeral });
}
