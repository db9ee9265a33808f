import {
  type APIModalInteractionResponseCallbackData,
  type ButtonInteraction,
  ComponentType,
  MessageFlags,
  type ModalSubmitInteraction,
  TextInputStyle,
} from 'discord.js';
import { isAgoraError, messageForUser } from '../../src/core/errors.ts';
import type { QuestionRecord } from '../../src/core/records.ts';
import { addStatement } from '../../src/core/statements/add-statement.ts';
import { findStatementQuestion, requireOpen } from '../../src/core/statements/statement-question.ts';
import { STATEMENT_MAX_LENGTH } from '../../src/core/statements/statement-text.ts';
import { encodeCustomId } from './custom-ids.ts';
import type { InteractionContext } from './interaction-context.ts';
import { interactionIdentity, isOrganiserMember } from './interaction-identity.ts';
import { answerPrivately } from './interaction-replies.ts';
import { safe, shown } from './text.ts';

const FIELD = 'statement';
/** Room beyond the core's limit, which counts after tidying spaces: the core says what is too long, and by how much. */
const INPUT_MAX = 400;

function statementForm(question: QuestionRecord): APIModalInteractionResponseCallbackData {
  return {
    custom_id: encodeCustomId({ kind: 'add-statement', questionId: question.id }),
    title: 'Add a statement',
    components: [
      { type: ComponentType.TextDisplay, content: `**${shown(question.prompt, 1500)}**` },
      {
        type: ComponentType.Label,
        label: 'Your statement',
        description: `One sentence others can agree or disagree with, at most ${STATEMENT_MAX_LENGTH} characters.`,
        component: {
          type: ComponentType.TextInput,
          custom_id: FIELD,
          style: TextInputStyle.Paragraph,
          min_length: 1,
          max_length: INPUT_MAX,
          required: true,
        },
      },
    ],
  };
}

/** "Add a statement": the form, unless the question no longer takes statements (the core says why). */
export async function showStatementForm(
  context: InteractionContext,
  interaction: ButtonInteraction,
  questionId: string,
): Promise<void> {
  let question: QuestionRecord;
  try {
    ({ question } = await findStatementQuestion(context.deps, questionId));
    requireOpen(question, 'add a statement');
  } catch (error) {
    if (!isAgoraError(error) || error.audience !== 'user')
      context.logger.error({ err: error, questionId }, 'opening the statement form failed');
    await interaction.reply({ content: safe(messageForUser(error)), flags: MessageFlags.Ephemeral });
    return;
  }
  await interaction.showModal(statementForm(question));
}

/** The form submitted: the core adds the statement (or holds it for approval, or refuses it) and says so. */
export function statementSubmitted(
  context: InteractionContext,
  interaction: ModalSubmitInteraction,
  questionId: string,
): Promise<void> {
  return answerPrivately(
    interaction,
    async () => {
      const added = await addStatement(context.deps, {
        questionId,
        author: interactionIdentity(interaction),
        authorIsOrganiser: isOrganiserMember(interaction, context.organiserRole, context.isOrganiser),
        text: interaction.fields.getTextInputValue(FIELD),
        at: context.deps.clock.now(),
      });
      if (added.statement.status === 'approved') context.refresher.schedule(questionId);
      return { text: added.message };
    },
    context.logger,
    'a new statement',
    context.deferAfterMs,
  );
}
