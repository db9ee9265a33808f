import {
  type APIModalInteractionResponseCallbackData,
  ComponentType,
  type MessageContextMenuCommandInteraction,
  MessageFlags,
  type ModalSubmitInteraction,
  TextInputStyle,
} from 'discord.js';
import { isUserError, messageForUser } from '../../src/core/errors.ts';
import { STATEMENT_MAX_LENGTH } from '../../src/core/statements/statement-text.ts';
import { encodeCustomId } from './custom-ids.ts';
import { interactionIdentity, isOrganiserMember } from './inbound/interaction-identity.ts';
import { deferPrivately, interactionEvent, submitThenAnswer } from './inbound/submit-interaction.ts';
import type { InteractionContext } from './interaction-context.ts';
import { safe, shown } from './outbound/text.ts';
import { messageRef } from './refs.ts';

const FIELD = 'statement';
/** Room beyond the core's limit, which counts after tidying spaces: the core says what is too long, and by how much. */
const INPUT_MAX = 400;

type Reply = { questionId: string; channelId: string; messageId: string };

function proposalForm(reply: Reply, prompt: string, draft: string): APIModalInteractionResponseCallbackData {
  return {
    custom_id: encodeCustomId({ kind: 'propose', ...reply }),
    title: 'Propose a statement',
    components: [
      { type: ComponentType.TextDisplay, content: `**${shown(prompt, 1500)}**` },
      {
        type: ComponentType.Label,
        label: 'Statement',
        description: `Edit the reply down to one sentence, at most ${STATEMENT_MAX_LENGTH} characters. It is credited to the reply's author.`,
        component: {
          type: ComponentType.TextInput,
          custom_id: FIELD,
          style: TextInputStyle.Paragraph,
          min_length: 1,
          max_length: INPUT_MAX,
          required: true,
          ...(draft && { value: draft }),
        },
      },
    ],
  };
}

/**
 * Apps → "Propose as a statement" on a reply: the form, prefilled with the reply's words, when the core says this
 * person may propose it (its author, or an organiser); otherwise why not, privately.
 */
export async function showProposalForm(
  context: InteractionContext,
  interaction: MessageContextMenuCommandInteraction,
): Promise<void> {
  const target = interaction.targetMessage;
  const replyRef = messageRef(interaction.guildId ?? '', target.channelId, target.id);
  try {
    const proposal = await context.consultation.read.statementProposal({
      replyRef,
      proposer: interactionIdentity(interaction),
      proposerIsOrganiser: isOrganiserMember(interaction, context.organiserRole, context.isOrganiser),
    });
    const reply = { questionId: proposal.questionId, channelId: target.channelId, messageId: target.id };
    await interaction.showModal(proposalForm(reply, proposal.prompt, proposal.draft));
  } catch (error) {
    if (!isUserError(error)) context.logger.error({ err: error, replyRef }, 'opening the proposal form failed');
    await interaction.reply({ content: safe(messageForUser(error)), flags: MessageFlags.Ephemeral });
  }
}

/** The form submitted: once stored, the reply is deferred; the core adds the statement (or refuses it) and says so. */
export function proposalSubmitted(
  context: InteractionContext,
  interaction: ModalSubmitInteraction,
  reply: Reply,
): Promise<void> {
  const event = interactionEvent(
    interaction,
    'statement.proposed',
    reply.questionId,
    {
      replyRef: messageRef(interaction.guildId ?? '', reply.channelId, reply.messageId),
      proposer: interactionIdentity(interaction),
      proposerIsOrganiser: isOrganiserMember(interaction, context.organiserRole, context.isOrganiser),
      text: interaction.fields.getTextInputValue(FIELD),
      at: context.consultation.clock.now(),
    },
    'edit',
  );
  return submitThenAnswer(context, interaction, event, deferPrivately(interaction));
}
