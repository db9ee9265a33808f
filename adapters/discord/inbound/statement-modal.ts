import {
  type APIModalInteractionResponseCallbackData,
  type ButtonInteraction,
  ComponentType,
  MessageFlags,
  type ModalSubmitInteraction,
  TextInputStyle,
} from 'discord.js';
import { isUserError, messageForUser, UserError } from '../../../src/core/errors.ts';
import type { QuestionRecord } from '../../../src/core/records.ts';
import { requireOpen } from '../../../src/core/statements/statement-question.ts';
import { STATEMENT_MAX_LENGTH } from '../../../src/core/statements/statement-text.ts';
import { encodeCustomId } from '../custom-ids.ts';
import type { InteractionContext } from '../interaction-context.ts';
import { safe, shown } from '../outbound/text.ts';
import { interactionIdentity, isOrganiserMember } from './interaction-identity.ts';
import { deferPrivately, interactionEvent, submitThenAnswer } from './submit-interaction.ts';

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
    const found = await context.consultation.read.question(questionId);
    if (!found) throw new UserError('QUESTION_NOT_FOUND', 'That question no longer exists.');
    if (found.kind !== 'statements')
      throw new UserError('STATEMENT_INVALID', 'Statements belong to agree/disagree questions only.');
    question = found;
    requireOpen(question, 'add a statement');
  } catch (error) {
    if (!isUserError(error)) context.logger.error({ err: error, questionId }, 'opening the statement form failed');
    await interaction.reply({ content: safe(messageForUser(error)), flags: MessageFlags.Ephemeral });
    return;
  }
  await interaction.showModal(statementForm(question));
}

/** The form submitted: once stored, the reply is deferred; the core adds the statement (or holds it for
 * approval, or refuses it) and says so in it. */
export function statementSubmitted(
  context: InteractionContext,
  interaction: ModalSubmitInteraction,
  questionId: string,
): Promise<void> {
  const event = interactionEvent(
    interaction,
    'statement.added',
    questionId,
    {
      questionId,
      author: interactionIdentity(interaction),
      authorIsOrganiser: isOrganiserMember(interaction, context.organiserRole, context.isOrganiser),
      text: interaction.fields.getTextInputValue(FIELD),
      at: context.consultation.clock.now(),
    },
    'edit',
  );
  return submitThenAnswer(context, interaction, event, deferPrivately(interaction));
}
