import { type APIMessage, MessageReferenceType } from 'discord.js';
import type { Attachment } from '../../../src/core/types.ts';

/** What a forward (`message_reference.type` 1) carries: its own content is empty, the text is in a snapshot. */
export interface ForwardedContent {
  /** The forwarded text as a Markdown quote, so a reader sees that the words are someone else's. */
  body: string;
  attachments: Attachment[];
}

export function isForward(message: Pick<APIMessage, 'message_reference'>): boolean {
  return message.message_reference?.type === MessageReferenceType.Forward;
}

/**
 * A forwarded message is recorded as the forwarder's response quoting what they forwarded, with its files; null
 * when the message is not a forward, or forwards nothing readable (a snapshot can be withheld like any content).
 */
export function forwardedContent(message: Pick<APIMessage, 'message_reference' | 'message_snapshots'>) {
  if (!isForward(message)) return null;
  const snapshots = (message.message_snapshots ?? []).map((snapshot) => snapshot.message);
  const text = snapshots
    .map((snapshot) => snapshot.content ?? '')
    .filter((content) => content.trim() !== '')
    .join('\n\n');
  const attachments = snapshots.flatMap((snapshot) =>
    (snapshot.attachments ?? []).map((file) => ({ name: file.filename, url: file.url })),
  );
  if (text === '' && attachments.length === 0) return null;
  const body =
    text === ''
      ? ''
      : text
          .split('\n')
          .map((line) => (line === '' ? '>' : `> ${line}`))
          .join('\n');
  return { body, attachments } satisfies ForwardedContent;
}
