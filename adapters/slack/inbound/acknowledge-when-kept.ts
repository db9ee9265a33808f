import type { App, HTTPReceiver, ReceiverEvent, SocketModeReceiver } from '@slack/bolt';
import type { Logger } from '../../../src/core/ports/logger.ts';
import { RecentEventIds } from './recent-event-ids.ts';

/**
 * Thrown by a listener when what a person did could not be written to the inbox. It reaches the receiver, which
 * answers Slack with a 500 over HTTP and does not acknowledge over Socket Mode, so Slack sends the event again.
 */
export class NotKeptError extends Error {
  readonly code = 'NOT_KEPT';
  constructor(readonly reason: unknown) {
    super(`the event was not kept: ${reason instanceof Error ? reason.message : String(reason)}`);
  }
}

export const isNotKept = (error: unknown): boolean =>
  error instanceof NotKeptError ||
  (error instanceof Error && (error as { original?: unknown }).original instanceof NotKeptError);

/**
 * Bolt acknowledges an Events API request before its listeners run. This holds that acknowledgement until the
 * listeners have finished (they hand the event to the inbox), and drops it when one of them could not keep the
 * event: the receiver then answers with an error and Slack retries. An event whose event_id was kept before is
 * acknowledged and dropped. Interactions and commands acknowledge in their listeners, after submitting.
 */
export function acknowledgeWhenKept(
  app: App,
  receiver: HTTPReceiver | SocketModeReceiver,
  logger: Logger,
  recent = new RecentEventIds(),
): void {
  const processEvent = app.processEvent.bind(app);
  receiver.init({
    processEvent: async (event: ReceiverEvent) => {
      const body = event.body as { type?: unknown; event_id?: unknown };
      if (body.type !== 'event_callback') return processEvent(event);
      const eventId = typeof body.event_id === 'string' ? body.event_id : undefined;
      if (eventId && recent.has(eventId)) {
        logger.info(
          { eventId, retryNum: event.retryNum, retryReason: event.retryReason },
          'a Slack event delivered again was dropped',
        );
        await event.ack();
        return;
      }
      let wanted = false;
      await processEvent({
        ...event,
        ack: async () => {
          wanted = true;
        },
      });
      if (!wanted) return;
      // Remembered only once kept: an event that could not be kept must be taken again when Slack resends it.
      if (eventId) recent.add(eventId);
      await event.ack();
    },
  } as unknown as App);
}
