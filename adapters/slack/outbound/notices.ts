import type { Logger } from '../../../src/core/ports/logger.ts';
import { stripPings } from '../../../src/core/safe-text.ts';
import type { SlackApi } from '../transport/slack-api.ts';
import type { Block } from './blocks.ts';
import { LIMITS, section } from './blocks.ts';
import { fitEscaped, splitMrkdwn } from './mrkdwn.ts';

/** Posts to an interaction's response_url (Bolt's `respond`). */
export type Respond = (message: Record<string, unknown>) => Promise<unknown>;

export interface NoticeTarget {
  team: string;
  user: string;
  /** Where an ephemeral message can be shown when there is no response_url. */
  channel?: string;
  threadTs?: string;
  respond?: Respond;
}

/** Agora's own words (and any stored text in them) made safe for a notice's `text`. */
export function noticeText(text: string): string {
  return fitEscaped(stripPings(text), LIMITS.sectionText);
}

/**
 * A notice of any length (a command's reply: positions, status): its text within one section's limit, and when
 * it is longer, the whole of it as sections, as many as a message takes.
 */
export function longNotice(text: string): { text: string; blocks?: Block[] } {
  const whole = fitEscaped(stripPings(text), LIMITS.sectionText * LIMITS.messageBlocks);
  if (whole.length <= LIMITS.sectionText) return { text: whole };
  const pieces = splitMrkdwn(whole, LIMITS.sectionText).slice(0, LIMITS.messageBlocks);
  return { text: noticeText(text), blocks: pieces.map((piece) => section(piece)) };
}

/**
 * A message only this person sees: through the interaction's response_url when there is one, else an ephemeral
 * message in the channel, else a direct message. Notices are best effort: a failure is logged, never thrown.
 */
export async function notify(
  api: SlackApi,
  logger: Logger,
  target: NoticeTarget,
  text: string,
  blocks?: Block[],
): Promise<void> {
  const message = { text, ...(blocks ? { blocks } : {}) };
  try {
    if (target.respond) {
      await target.respond({ response_type: 'ephemeral', replace_original: false, ...message });
      return;
    }
    if (target.channel) {
      await api.call(target.team, 'chat.postEphemeral', {
        channel: target.channel,
        user: target.user,
        ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
        ...message,
      });
      return;
    }
    await api.call(target.team, 'chat.postMessage', { channel: target.user, ...message });
  } catch (error) {
    logger.warn({ err: error, user: target.user, channel: target.channel }, 'could not show a private notice on Slack');
  }
}

/**
 * Replaces the message an interaction came from: for everyone in the channel, or, for an ephemeral message, for
 * the one person who sees it. Best effort, like notices.
 */
export async function replaceOriginal(
  respond: Respond,
  logger: Logger,
  message: { text: string; blocks: Block[] },
): Promise<void> {
  try {
    await respond({ replace_original: true, ...message });
  } catch (error) {
    logger.warn({ err: error }, 'could not replace a Slack message');
  }
}
