import { ApplicationFlags } from 'discord.js';
import { forwardedContent } from './forwards.ts';
import type { IncomingMessage } from './message-translation.ts';

/**
 * What one message says about whether Discord lets Agora read guild messages: `readable` (content arrived),
 * `empty` (nothing arrived, as without the Message Content intent), or `none` (it would look the same either way:
 * DMs, messages that mention Agora, sticker-only messages, forwards of something withheld are not counted).
 */
export type ContentSign = 'readable' | 'empty' | 'none';

export function contentSign(message: IncomingMessage, botId: string): ContentSign {
  if (!message.guild_id) return 'none';
  if ((message.mentions ?? []).some((user) => user.id === botId)) return 'none';
  const has = (value: unknown) => (Array.isArray(value) ? value.length > 0 : Boolean(value));
  const carries =
    Boolean(message.content) ||
    has(message.attachments) ||
    has(message.embeds) ||
    has(message.components) ||
    Boolean(message.poll) ||
    forwardedContent(message) !== null;
  if (carries) return 'readable';
  if (has(message.sticker_items) || has(message.message_snapshots)) return 'none';
  return 'empty';
}

/** Whether the application's flags (READY, GET /applications/@me) say the Message Content intent is granted. */
export function intentGranted(flags: number | bigint | undefined): boolean | undefined {
  if (flags === undefined) return undefined;
  const mask = BigInt(ApplicationFlags.GatewayMessageContent | ApplicationFlags.GatewayMessageContentLimited);
  return (BigInt(flags) & mask) !== 0n;
}

/**
 * Weighs the evidence across messages: content is judged withheld only after a run of empty messages from
 * several people with nothing readable in between, a longer run when the application's flags say the intent is
 * granted; any readable message ends the run and judges content readable again.
 */
export class ContentEvidence {
  #granted: boolean | undefined;
  readonly #emptyFrom = new Set<string>();

  /** Distinct people whose empty messages it takes, by what the application's flags say. */
  static readonly NEEDED = { granted: 4, notGranted: 2, unknown: 3 } as const;

  granted(granted: boolean | undefined): void {
    this.#granted = granted;
  }

  /** The verdict this message leads to, or undefined when it changes nothing. */
  observe(sign: ContentSign, authorId: string): 'withheld' | 'readable' | undefined {
    if (sign === 'none') return undefined;
    if (sign === 'readable') {
      this.#emptyFrom.clear();
      return 'readable';
    }
    this.#emptyFrom.add(authorId);
    const needed =
      this.#granted === true
        ? ContentEvidence.NEEDED.granted
        : this.#granted === false
          ? ContentEvidence.NEEDED.notGranted
          : ContentEvidence.NEEDED.unknown;
    return this.#emptyFrom.size >= needed ? 'withheld' : undefined;
  }
}
