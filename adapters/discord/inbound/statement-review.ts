import { type ButtonInteraction, ButtonStyle } from 'discord.js';
import type { StatementDecision, StatementForReview } from '../../../src/core/ports/chat-platform.ts';
import { encodeCustomId } from '../custom-ids.ts';
import type { InteractionContext } from '../interaction-context.ts';
import { LIMITS } from '../outbound/layout.ts';
import { button, row } from '../outbound/question-components.ts';
import { shown } from '../outbound/text.ts';
import { messageRef } from '../refs.ts';
import type { MessageBody } from '../transport/discord-rest.ts';
import { interactionIdentity, isOrganiserMember } from './interaction-identity.ts';
import { deferPrivately, interactionEvent, submitThenAnswer } from './submit-interaction.ts';

const AWAITING_COLOUR = 0xf1c40f;
const APPROVED_COLOUR = 0x2ecc71;
const REJECTED_COLOUR = 0x95a5a6;

/** A statement awaiting approval, as posted in the organisers' channel: what it says, who wrote it, and where. */
export function reviewMessage(review: StatementForReview): MessageBody {
  const decide = (decision: 'approve' | 'reject') =>
    encodeCustomId({ kind: 'review', questionId: review.questionId, statementId: review.statementId, decision });
  return {
    embeds: [
      {
        author: { name: 'A statement awaits approval' },
        description: `> ${shown(review.text, 400)}`,
        fields: [
          { name: 'Question', value: shown(review.prompt, LIMITS.fieldValue) || '—' },
          { name: 'Proposed by', value: shown(review.author, LIMITS.fieldValue) || '—', inline: true },
          ...(review.source
            ? [{ name: 'From', value: `[A reply in the thread](${review.source})`, inline: true }]
            : []),
        ],
        footer: { text: 'Approved statements are dealt to everyone; rejected ones are never shown.' },
        color: AWAITING_COLOUR,
      },
    ],
    components: [
      row([
        button(decide('approve'), 'Approve', ButtonStyle.Success),
        button(decide('reject'), 'Reject', ButtonStyle.Danger),
      ]),
    ],
  };
}

/** The review message once decided: the statement and the decision, with no buttons left to press. */
export function decidedMessage(decision: StatementDecision): MessageBody {
  const approved = decision.decision === 'approved';
  return {
    embeds: [
      {
        author: { name: approved ? 'Statement approved' : 'Statement rejected' },
        description: `> ${shown(decision.text, 400)}`,
        fields: [{ name: 'Question', value: shown(decision.prompt, LIMITS.fieldValue) || '—' }],
        footer: { text: shown(decision.summary, LIMITS.fieldValue) },
        color: approved ? APPROVED_COLOUR : REJECTED_COLOUR,
      },
    ],
    components: [],
  };
}

/**
 * Approve or Reject: the decision goes to the core, and once it is stored the reply is deferred privately; the core
 * says what became of it (approved, rejected, or refused to someone who is not an organiser, or decided already).
 */
export function reviewButton(
  context: InteractionContext,
  interaction: ButtonInteraction,
  id: { questionId: string; statementId: string; decision: 'approve' | 'reject' },
): Promise<void> {
  const event = interactionEvent(
    interaction,
    'statement.reviewed',
    id.questionId,
    {
      ...id,
      reviewer: interactionIdentity(interaction),
      reviewerIsOrganiser: isOrganiserMember(interaction, context.organiserRole, context.isOrganiser),
      at: context.consultation.clock.now(),
      ...(interaction.guildId && {
        reviewCardRef: messageRef(interaction.guildId, interaction.channelId, interaction.message.id),
      }),
    },
    'edit',
  );
  return submitThenAnswer(context, interaction, event, deferPrivately(interaction));
}
