import {
  type APIModalInteractionResponseCallbackData,
  type ButtonInteraction,
  ComponentType,
  MessageFlags,
  type ModalSubmitInteraction,
  TextInputStyle,
} from 'discord.js';
import { threadOrder } from '../../../src/core/inbound/inbound-event.ts';
import type { QuestionRecord } from '../../../src/core/records.ts';
import { encodeCustomId } from '../custom-ids.ts';
import { deferBudget, type InteractionContext } from '../interaction-context.ts';
import { answerPrivately } from '../outbound/interaction-replies.ts';
import { LIMITS } from '../outbound/layout.ts';
import { safe, shown, truncateText } from '../outbound/text.ts';
import { messageRef, parseThreadRef } from '../refs.ts';
import { interactionIdentity } from './interaction-identity.ts';
import { deferPrivately, interactionEvent, interactionKey, noticeFor, submitThenAnswer } from './submit-interaction.ts';

const FIELD = 'answer';
/** A reply posted on someone's behalf keeps room for the line naming them. */
const RESPOND_MAX = 1800;

function modal(
  customId: string,
  title: string,
  question: QuestionRecord,
  field: { label: string; description: string; max: number },
): APIModalInteractionResponseCallbackData {
  return {
    custom_id: customId,
    title,
    components: [
      { type: ComponentType.TextDisplay, content: `**${shown(question.prompt, 1500)}**` },
      {
        type: ComponentType.Label,
        label: field.label,
        description: field.description,
        component: {
          type: ComponentType.TextInput,
          custom_id: FIELD,
          style: TextInputStyle.Paragraph,
          min_length: 1,
          max_length: field.max,
          required: true,
        },
      },
    ],
  };
}

async function openQuestion(context: InteractionContext, questionId: string): Promise<QuestionRecord | string> {
  const question = await context.consultation.read.question(questionId);
  if (!question) return 'That question no longer exists.';
  if (question.status !== 'open') return 'This question is closed, so it no longer takes answers.';
  return question;
}

/** "Answer privately" (and "Respond"): the modal, unless the question no longer takes answers. */
export async function showAnswerModal(
  context: InteractionContext,
  interaction: ButtonInteraction,
  id: { kind: 'answer' | 'respond'; questionId: string },
): Promise<void> {
  const question = await openQuestion(context, id.questionId);
  if (typeof question === 'string') {
    await interaction.reply({ content: question, flags: MessageFlags.Ephemeral });
    return;
  }
  const form =
    id.kind === 'answer'
      ? modal(encodeCustomId(id), 'Answer privately', question, {
          label: 'Your answer',
          description: 'Only the organisers see it; it is not posted in the channel.',
          max: LIMITS.textInput,
        })
      : modal(encodeCustomId(id), 'Respond', question, {
          label: 'Your reply',
          description: 'Posted in the thread under your name, as a reply would be.',
          max: RESPOND_MAX,
        });
  await interaction.showModal(form);
}

/** A private answer: stored apart from the thread; the reply is deferred and the core's receipt fills it in. */
export function privateAnswerSubmitted(
  context: InteractionContext,
  interaction: ModalSubmitInteraction,
  questionId: string,
): Promise<void> {
  const event = interactionEvent(
    interaction,
    'answer.private',
    questionId,
    {
      questionId,
      author: interactionIdentity(interaction),
      body: interaction.fields.getTextInputValue(FIELD),
      idempotencyKey: interactionKey(interaction.id),
      at: context.consultation.clock.now(),
    },
    'edit',
  );
  return submitThenAnswer(context, interaction, event, deferPrivately(interaction));
}

/**
 * "Respond", for when Discord withholds message content: the reply is posted in the question's thread under the
 * person's name and handed to the core as their response, as a reply typed in the thread would have been (keyed by
 * the message Agora posted). The person is answered once it is stored; the core's thanks follow.
 */
export async function respondSubmitted(
  context: InteractionContext,
  interaction: ModalSubmitInteraction,
  questionId: string,
): Promise<void> {
  const refuse = (text: string) =>
    answerPrivately(interaction, async () => ({ text }), context.logger, 'Respond', deferBudget(context));
  const question = await openQuestion(context, questionId);
  if (typeof question === 'string') return refuse(question);
  const body = interaction.fields.getTextInputValue(FIELD);
  const guildId = interaction.guildId;
  const source = interaction.message;
  const posting =
    guildId && source
      ? await context.consultation.read.postingAt(messageRef(guildId, source.channelId, source.id))
      : null;
  const thread = parseThreadRef(posting?.threadRef);
  if (!posting?.threadRef || !thread || posting.questionId !== questionId)
    return refuse('This question has no thread here to reply in; try "Answer privately".');
  const author = interactionIdentity(interaction);
  let postedId: string;
  try {
    postedId = (
      await context.rest.send(thread.threadId, {
        content: truncateText(`**${shown(author.displayName, 80)}** replied:\n${safe(body)}`, LIMITS.content),
      })
    ).id;
  } catch (error) {
    context.logger.warn({ err: error, thread: thread.threadId }, 'could not post a reply through Respond on Discord');
    return refuse('Agora could not post your reply in the thread just now, so nothing was recorded. Please try again.');
  }
  const ref = messageRef(thread.guildId, thread.threadId, postedId);
  await submitThenAnswer(
    context,
    interaction,
    {
      kind: 'response.posted',
      platform: 'discord',
      key: ref,
      orderingKey: threadOrder(posting.threadRef),
      notice: noticeFor(interaction, 'follow'),
      payload: {
        platform: 'discord',
        containerRef: posting.threadRef,
        messageRef: ref,
        author,
        body,
        replyToRef: null,
        attachments: [],
        idempotencyKey: ref,
        at: context.consultation.clock.now(),
      },
    },
    () => interaction.reply({ content: 'Your reply is posted in the thread.', flags: MessageFlags.Ephemeral }),
  );
}
