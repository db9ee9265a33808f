import { type ButtonInteraction, ButtonStyle } from 'discord.js';
import type { StatementForReview } from '../../src/core/ports/chat-platform.ts';
import { reviewStatement } from '../../src/core/statements/review-statement.ts';
import { encodeCustomId } from './custom-ids.ts';
import type { MessageBody } from './discord-rest.ts';
import type { InteractionContext } from './interaction-context.ts';
import { interactionIdentity, isOrganiserMember } from './interaction-identity.ts';
import { updateUnlessRefused } from './interaction-replies.ts';
import { LIMITS } from './layout.ts';
import { button, row } from './question-components.ts';
import { shown } from './text.ts';

const AWAITING_COLOUR = 0xf1c40f;

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

/**
 * Approve or Reject: an organiser's decision replaces the buttons with its outcome, for every organiser to see;
 * anyone else (or a second decision) is answered privately and the message stays as it was.
 */
export function reviewButton(
  context: InteractionContext,
  interaction: ButtonInteraction,
  id: { questionId: string; statementId: string; decision: 'approve' | 'reject' },
): Promise<void> {
  return updateUnlessRefused(
    interaction,
    async () => {
      const reviewed = await reviewStatement(context.deps, {
        ...id,
        reviewer: interactionIdentity(interaction),
        reviewerIsOrganiser: isOrganiserMember(interaction, context.organiserRole, context.isOrganiser),
        at: context.deps.clock.now(),
      });
      if (reviewed.statement.status === 'approved') context.refresher.schedule(id.questionId);
      return { text: reviewed.message, components: [] };
    },
    context.logger,
    'a statement review',
    context.deferAfterMs,
  );
}
