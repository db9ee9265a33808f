import type { ButtonInteraction } from 'discord.js';
import { answerStatement, dealStatement, type StatementVote } from '../../src/core/statements/deal-statement.ts';
import type { InteractionContext } from './interaction-context.ts';
import { interactionIdentity } from './interaction-identity.ts';
import { answerPrivately, updateFlow } from './interaction-replies.ts';
import { dealtAnswer } from './statement-card.ts';

/** "Vote on the statements": the first statement dealt, shown only to the person who pressed it. */
export function dealStatementButton(
  context: InteractionContext,
  interaction: ButtonInteraction,
  questionId: string,
): Promise<void> {
  return answerPrivately(
    interaction,
    async () =>
      dealtAnswer(await dealStatement(context.deps, { questionId, participant: interactionIdentity(interaction) })),
    context.logger,
    'dealing a statement',
    context.deferAfterMs,
  );
}

/** Agree, Disagree or Pass on a dealt card: the vote is recorded and the card replaced by the next one. */
export function stanceButton(
  context: InteractionContext,
  interaction: ButtonInteraction,
  id: { questionId: string; statementKey: string; vote: StatementVote },
): Promise<void> {
  return updateFlow(
    interaction,
    async () => {
      const dealt = await answerStatement(context.deps, {
        ...id,
        participant: interactionIdentity(interaction),
        idempotencyKey: `discord:interaction:${interaction.id}`,
        at: context.deps.clock.now(),
      });
      context.refresher.schedule(id.questionId);
      return dealtAnswer(dealt);
    },
    context.logger,
    'a vote on a statement',
    context.deferAfterMs,
  );
}
