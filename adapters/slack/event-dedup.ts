import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from '../../src/core/ports/logger.ts';
import type { Store } from '../../src/core/ports/store.ts';
import { nextTurn } from './event-lane.ts';

/**
 * Slack delivers an event again when it thinks the first delivery failed (`X-Slack-Retry-Num`), and Socket Mode
 * resends envelopes cut off by a reconnect. Bolt acknowledges them all; this drops every delivery of an `event_id`
 * after the first. Messages are also recorded once per message, so even a missed duplicate counts once.
 */
export function dropRedeliveries(store: Store, logger: Logger): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string') {
      if (!(await store.processedEvents.firstSighting(`slack:${eventId}`))) {
        logger.debug({ eventId }, 'a Slack event delivered again was dropped');
        return;
      }
      await nextTurn();
    }
    await next();
  };
}
