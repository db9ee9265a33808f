import type { ButtonInteraction } from 'discord.js';
import type { StatementVote } from '../../../src/core/statements/deal-statement.ts';
import { deferBudget, type InteractionContext } from '../interaction-context.ts';
import { answerPrivately, updateFlow } from '../outbound/interaction-replies.ts';
import { dealtAnswer } from '../outbound/statement-card.ts';
import { interactionIdentity } from './interaction-identity.ts';
import { interactionEvent, interactionKey, submitThenAnswer } from './submit-interaction.ts';

/** "Vote on the statements": the first statement dealt, shown only to the person who pressed it. */
export function dealStatementButton(
  context: InteractionContext,
  interaction: ButtonInteraction,
  questionId: string,
): Promise<void> {
  return answerPrivately(
    interaction,
    async () =>
      dealtAnswer(
        await context.consultation.dealStatement({ questionId, participant: interactionIdentity(interaction) }),
      ),
    context.logger,
    'dealing a statement',
    deferBudget(context),
  );
}

/**
 * Agree, Disagree or Pass on a dealt card: the vote goes to the core, and once it is stored the card is replaced by
 * the next statement (those just answered counted as voted, applied or not); the core's notice of the vote follows
 * privately.
 */
export function stanceButton(
  context: InteractionContext,
  interaction: ButtonInteraction,
  id: { questionId: string; statementKey: string; vote: StatementVote },
): Promise<void> {
  const participant = interactionIdentity(interaction);
  const event = interactionEvent(
    interaction,
    'vote.cast',
    id.questionId,
    {
      questionId: id.questionId,
      author: participant,
      subject: id.statementKey,
      choice: [id.vote],
      idempotencyKey: interactionKey(interaction.id),
      at: context.consultation.clock.now(),
    },
    'follow',
  );
  return submitThenAnswer(context, interaction, event, () => {
    const answered = context.stances.add(interaction.user.id, id.questionId, id.statementKey);
    return updateFlow(
      interaction,
      async () =>
        dealtAnswer(
          await context.consultation.dealStatement({
            questionId: id.questionId,
            participant,
            alsoVoted: answered,
          }),
        ),
      context.logger,
      'a vote on a statement',
      deferBudget(context),
    );
  });
}
