import {
  type AttachmentPayload,
  type MessageComponentInteraction,
  MessageFlags,
  type RepliableInteraction,
} from 'discord.js';
import { isUserError, messageForUser } from '../../../src/core/errors.ts';
import type { Logger } from '../../../src/core/ports/logger.ts';
import { LIMITS } from './layout.ts';
import type { ActionRow } from './question-components.ts';
import { safe, splitText, truncateText } from './text.ts';

/** What a person is shown in answer to an interaction. */
export interface Answer {
  text: string;
  components?: ActionRow[];
  file?: { name: string; content: string | Uint8Array };
  /** Posted for the whole channel to see, after the private answer. */
  publicText?: string;
}

interface OutgoingMessage {
  content: string;
  files?: AttachmentPayload[];
  components?: ActionRow[];
}

/** A reply longer than three messages goes as a file. */
const MAX_PIECES = 3;

/** Discord's 3 seconds, less a margin for the network: past this the interaction is deferred. */
export const DEFER_AFTER_MS = 1500;

function attachment(name: string, content: string | Uint8Array): AttachmentPayload {
  return { attachment: Buffer.from(content), name };
}

/**
 * An answer as Discord messages of at most 2,000 characters: split at line breaks into up to three, or else the
 * first part with the whole reply attached as a file. Never a message Discord would refuse.
 */
export function answerMessages(answer: Answer): OutgoingMessage[] {
  const text = safe(answer.text);
  const pieces = splitText(text, LIMITS.content);
  const messages: OutgoingMessage[] =
    pieces.length <= MAX_PIECES
      ? pieces.map((content) => ({ content }))
      : [
          {
            content: `${truncateText(pieces[0] ?? '', LIMITS.content - 60)}\n*(The full reply is in the attached file.)*`,
            files: [attachment('agora-reply.txt', text)],
          },
        ];
  const first = messages[0] as OutgoingMessage;
  if (answer.file) first.files = [...(first.files ?? []), attachment(answer.file.name, answer.file.content)];
  if (answer.components) first.components = answer.components;
  return messages;
}

/** A deferral that never rejects (it is awaited only once the work is done): false when Discord refused it. */
function settled(deferral: Promise<unknown>, logger: Logger, interactionId: string): Promise<boolean> {
  return deferral.then(
    () => true,
    (error: unknown) => {
      logger.warn({ err: error, interaction: interactionId }, 'Discord refused to defer an interaction');
      return false;
    },
  );
}

/**
 * Runs the work, deferring the interaction if the work outlasts `deferAfterMs` (Discord allows 3 seconds):
 * 'direct' when it was quick, 'deferred' once deferred, 'lost' when Discord refused the deferral.
 */
async function withDeferral<T>(
  interactionId: string,
  defer: () => Promise<unknown>,
  work: () => Promise<T>,
  logger: Logger,
  deferAfterMs: number,
): Promise<{ value: T; reply: 'direct' | 'deferred' | 'lost' }> {
  let deferral: Promise<boolean> | undefined;
  const timer = setTimeout(() => {
    deferral = settled(defer(), logger, interactionId);
  }, deferAfterMs);
  try {
    const value = await work();
    if (!deferral) return { value, reply: 'direct' };
    return { value, reply: (await deferral) ? 'deferred' : 'lost' };
  } finally {
    clearTimeout(timer);
  }
}

async function produce(work: () => Promise<Answer>, logger: Logger, what: string): Promise<Answer> {
  try {
    return await work();
  } catch (error) {
    if (!isUserError(error)) logger.error({ err: error }, `${what} failed`);
    return { text: messageForUser(error) };
  }
}

/**
 * Answers privately (ephemerally) within Discord's 3 seconds: directly when the work is quick, else deferred
 * (ephemerally, so the answer keeps its privacy) and then filled in.
 */
export async function answerPrivately(
  interaction: RepliableInteraction,
  work: () => Promise<Answer>,
  logger: Logger,
  what: string,
  deferAfterMs = DEFER_AFTER_MS,
): Promise<void> {
  const { value: answer, reply } = await withDeferral(
    interaction.id,
    () => interaction.deferReply({ flags: MessageFlags.Ephemeral }),
    () => produce(work, logger, what),
    logger,
    deferAfterMs,
  );
  if (reply === 'lost') return;
  try {
    const [first, ...rest] = answerMessages(answer);
    if (reply === 'deferred') {
      await interaction.editReply({ ...first, components: first?.components ?? [] });
    } else {
      await interaction.reply({ ...first, flags: MessageFlags.Ephemeral });
    }
    for (const message of rest) await interaction.followUp({ ...message, flags: MessageFlags.Ephemeral });
    if (answer.publicText) {
      for (const content of splitText(safe(answer.publicText), LIMITS.content)) await interaction.followUp({ content });
    }
  } catch (error) {
    logger.warn({ err: error, interaction: interaction.id }, `could not answer on Discord (${what})`);
  }
}

/** Replaces the (ephemeral) message a control sits on, as a step of a private flow; deferred when slow. */
export async function updateFlow(
  interaction: MessageComponentInteraction,
  work: () => Promise<Answer>,
  logger: Logger,
  what: string,
  deferAfterMs = DEFER_AFTER_MS,
): Promise<void> {
  const { value: answer, reply } = await withDeferral(
    interaction.id,
    () => interaction.deferUpdate(),
    () => produce(work, logger, what),
    logger,
    deferAfterMs,
  );
  if (reply === 'lost') return;
  const content = truncateText(safe(answer.text), LIMITS.content);
  const components = answer.components ?? [];
  try {
    await (reply === 'deferred'
      ? interaction.editReply({ content, components })
      : interaction.update({ content, components }));
  } catch (error) {
    logger.warn({ err: error, interaction: interaction.id }, `could not update a message on Discord (${what})`);
  }
}
