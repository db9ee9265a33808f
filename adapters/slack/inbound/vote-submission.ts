import { questionOrder } from '../../../src/core/inbound/inbound-event.ts';
import type { Recipient } from '../../../src/core/ports/chat-platform.ts';
import type { SlackContext } from '../slack-context.ts';
import { submitKept } from './submit.ts';

export interface VoteRequest {
  team: string;
  user: string;
  questionId: string;
  subject: string;
  choice: string[];
  /** The interaction's own id (action_ts, or the view and its hash), so a redelivered click counts once. */
  key: string;
  /** Where the core tells the voter what was recorded (null: the adapter shows the outcome itself). */
  notice: Recipient | null;
}

/** Who is told, and where: in place through the interaction's response_url while it is valid, else privately. */
export function recipientOf(team: string, user: string, channel?: string, responseUrl?: string): Recipient {
  return {
    platformUserId: user,
    workspaceId: team,
    ...(channel ? { channel: { platform: 'slack', workspaceId: team, channelId: channel } } : {}),
    ...(responseUrl ? { replyHandle: responseUrl } : {}),
  };
}

/** Hands a vote to the core's inbox; resolves once it is kept. The core confirms it and refreshes the cards. */
export async function submitVote(ctx: SlackContext, request: VoteRequest): Promise<void> {
  await submitKept(ctx, {
    kind: 'vote.cast',
    platform: 'slack',
    key: request.key,
    orderingKey: questionOrder(request.questionId),
    notice: request.notice,
    payload: {
      questionId: request.questionId,
      author: {
        platform: 'slack',
        platformUserId: request.user,
        displayName: ctx.people.knownName(request.team, request.user),
      },
      subject: request.subject,
      choice: request.choice,
      idempotencyKey: request.key,
      at: ctx.consultation.clock.now(),
    },
  });
}
