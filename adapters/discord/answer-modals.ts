import {
  type APIModalInteractionResponseCallbackData,
  type ButtonInteraction,
  ComponentType,
  MessageFlags,
  type ModalSubmitInteraction,
  TextInputStyle,
} from 'discord.js';
import { recordPrivateAnswer, recordResponse } from '../../src/core/consultation/record-response.ts';
import { AgoraError } from '../../src/core/errors.ts';
import type { QuestionRecord } from '../../src/core/records.ts';
import { encodeCustomId } from './custom-ids.ts';
import type { InteractionContext } from './interaction-context.ts';
import { interactionIdentity } from './interaction-identity.ts';
import { answerPrivately } from './interaction-replies.ts';
import { LIMITS } from './layout.ts';
import { discordErrorCode } from './platform-errors.ts';
import { messageRef, parseThreadRef } from './refs.ts';
import { safe, shown, truncateText } from './text.ts';

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
  const question = await context.deps.store.questions.findById(questionId);
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

/**
 * A private answer: stored apart from the thread. The confirmation goes by DM (a receipt the person keeps); when
 * they do not accept DMs from the server (50007), the ephemeral reply carries it instead.
 */
export function privateAnswerSubmitted(
  context: InteractionContext,
  interaction: ModalSubmitInteraction,
  questionId: string,
): Promise<void> {
  return answerPrivately(
    interaction,
    async () => {
      const body = interaction.fields.getTextInputValue(FIELD);
      const outcome = await recordPrivateAnswer(context.deps, {
        questionId,
        author: interactionIdentity(interaction),
        body,
        idempotencyKey: `discord:interaction:${interaction.id}`,
        at: context.deps.clock.now(),
      });
      if (outcome.status === 'closed')
        return { text: 'This question closed before your answer arrived, so it was not saved.' };
      const question = await context.deps.store.questions.findById(questionId);
      const receipt = `Your private answer to “${shown(question?.prompt ?? '', 300)}” was saved. Only the organisers see it:\n>>> ${truncateText(safe(body), 1500)}`;
      try {
        const dm = await context.rest.directMessageChannel(interaction.user.id);
        await context.rest.send(dm, { content: receipt });
        return { text: 'Saved privately. A copy is in your direct messages with Agora.' };
      } catch (error) {
        if (discordErrorCode(error) !== 50007)
          context.logger.warn({ err: error }, 'could not send a receipt by DM on Discord');
        return { text: receipt };
      }
    },
    context.logger,
    'a private answer',
    context.deferAfterMs,
  );
}

/**
 * "Respond", for when Discord withholds message content: the reply is posted in the question's thread under the
 * person's name and recorded as their response, as a reply typed in the thread would have been.
 */
export function respondSubmitted(
  context: InteractionContext,
  interaction: ModalSubmitInteraction,
  questionId: string,
): Promise<void> {
  return answerPrivately(
    interaction,
    async () => {
      const { store } = context.deps;
      const question = await openQuestion(context, questionId);
      if (typeof question === 'string') return { text: question };
      const body = interaction.fields.getTextInputValue(FIELD);
      const guildId = interaction.guildId;
      const source = interaction.message;
      const posting =
        guildId && source
          ? await store.postings.findByMessageOrThread(messageRef(guildId, source.channelId, source.id))
          : null;
      const thread = parseThreadRef(posting?.threadRef);
      if (!posting || !thread || posting.questionId !== questionId) {
        throw new AgoraError('NOT_FOUND', 'This question has no thread here to reply in; try "Answer privately".');
      }
      const author = interactionIdentity(interaction);
      const posted = await context.rest.send(thread.threadId, {
        content: truncateText(`**${shown(author.displayName, 80)}** replied:\n${safe(body)}`, LIMITS.content),
      });
      const outcome = await recordResponse(context.deps, {
        platform: 'discord',
        containerRef: posting.threadRef as string,
        messageRef: messageRef(thread.guildId, thread.threadId, posted.id),
        author,
        body,
        replyToRef: null,
        attachments: [],
        idempotencyKey: `discord:interaction:${interaction.id}`,
        at: context.deps.clock.now(),
      });
      if (outcome.status === 'closed')
        return { text: 'This question closed before your reply arrived, so it was not recorded.' };
      return { text: 'Your reply is posted in the thread and recorded.' };
    },
    context.logger,
    'a reply through Respond',
    context.deferAfterMs,
  );
}
