import type { InboundEvent } from '../../../src/core/inbound/inbound-event.ts';
import type { SlackContext } from '../slack-context.ts';
import { NotKeptError } from './acknowledge-when-kept.ts';

/**
 * Hands an event to the core's inbox and resolves once it is kept there, so Slack is acknowledged only then.
 * `eventId` names the delivery, for the log line a redelivery leaves. A failure to keep it throws NotKeptError.
 */
export async function submitKept(
  ctx: SlackContext,
  event: InboundEvent,
  eventId?: string,
): Promise<'stored' | 'duplicate'> {
  let result: 'stored' | 'duplicate';
  try {
    result = await ctx.consultation.submit(event);
  } catch (error) {
    throw new NotKeptError(error);
  }
  if (result === 'duplicate')
    ctx.logger.debug({ eventId, key: event.key }, 'a Slack event delivered again was dropped');
  return result;
}
