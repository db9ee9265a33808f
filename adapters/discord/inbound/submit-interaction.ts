import { type MessageComponentInteraction, MessageFlags, type RepliableInteraction } from 'discord.js';
import type { CommitResult } from '../../../src/core/inbound/group-commit.ts';
import { type InboundEvent, questionOrder } from '../../../src/core/inbound/inbound-event.ts';
import type { Recipient } from '../../../src/core/ports/chat-platform.ts';
import type { InteractionContext } from '../interaction-context.ts';
import { encodeReplyHandle, type ReplyMode } from '../outbound/reply-handles.ts';
import { interactionChannel } from './interaction-identity.ts';

/** An interaction Agora answers: a command, a control, a submitted form. */
type Answerable = RepliableInteraction | MessageComponentInteraction;

const NOT_RECORDED =
  'That was not recorded: Agora could not store it just now, so nothing changed. Please try again in a moment.';
const ALREADY_RECEIVED = 'Agora already has this one; there is nothing more to do.';

/** An interaction's idempotency key: Discord gives each click or submission its own id, redeliveries the same. */
export const interactionKey = (id: string) => `discord:interaction:${id}`;

/** Where the core tells the person what became of their action: in the interaction while its token is valid. */
export function noticeFor(interaction: Answerable, mode: ReplyMode): Recipient {
  const channel = interactionChannel(interaction);
  return {
    platformUserId: interaction.user.id,
    workspaceId: interaction.guildId ?? '',
    ...(channel && { channel }),
    replyHandle: encodeReplyHandle({ mode, issuedAt: interaction.createdTimestamp, token: interaction.token }),
  };
}

/** The inbound event of an interaction on a question: keyed by the interaction, ordered with the question. */
export function interactionEvent<K extends InboundEvent['kind']>(
  interaction: Answerable,
  kind: K,
  questionId: string,
  payload: Extract<InboundEvent, { kind: K }>['payload'],
  mode: ReplyMode,
): Extract<InboundEvent, { kind: K }> {
  return {
    kind,
    platform: 'discord',
    key: interactionKey(interaction.id),
    orderingKey: questionOrder(questionId),
    notice: noticeFor(interaction, mode),
    payload,
  } as Extract<InboundEvent, { kind: K }>;
}

/**
 * Hands what the person did to the core and answers Discord only once it is stored: `answer` acknowledges the
 * interaction (a deferral that the core's notice fills in, or a flow updated in place). When it could not be
 * stored, the person is told so plainly and asked to try again.
 */
export async function submitThenAnswer(
  context: InteractionContext,
  interaction: Answerable,
  event: InboundEvent,
  answer: (result: CommitResult) => Promise<unknown>,
): Promise<void> {
  const release = context.answers.hold(interaction.token);
  try {
    let result: CommitResult;
    try {
      result = await context.consultation.submit(event);
    } catch (error) {
      context.logger.error(
        { err: error, interaction: interaction.id, kind: event.kind, key: event.key },
        'an interaction could not be stored; the person was asked to try again',
      );
      await interaction
        .reply({ content: NOT_RECORDED, flags: MessageFlags.Ephemeral })
        .catch((replyError: unknown) =>
          context.logger.warn({ err: replyError, interaction: interaction.id }, 'could not say so on Discord'),
        );
      return;
    }
    try {
      await answer(result);
    } catch (error) {
      context.logger.warn({ err: error, interaction: interaction.id }, 'could not answer an interaction on Discord');
    }
  } finally {
    release();
  }
}

/** Defers the reply privately (the core's notice fills it in); a duplicate is answered at once. */
export function deferPrivately(interaction: Answerable): (result: CommitResult) => Promise<unknown> {
  return (result) =>
    result === 'duplicate'
      ? interaction.reply({ content: ALREADY_RECEIVED, flags: MessageFlags.Ephemeral })
      : interaction.deferReply({ flags: MessageFlags.Ephemeral });
}
