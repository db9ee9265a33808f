import type { App, HTTPReceiver, ReceiverEvent, SocketModeReceiver } from '@slack/bolt';

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
 * event: the receiver then answers with an error and Slack retries. Interactions and commands acknowledge in their
 * listeners, after submitting.
 */
export function acknowledgeWhenKept(app: App, receiver: HTTPReceiver | SocketModeReceiver): void {
  const processEvent = app.processEvent.bind(app);
  receiver.init({
    processEvent: async (event: ReceiverEvent) => {
      if ((event.body as { type?: unknown }).type !== 'event_callback') return processEvent(event);
      let wanted = false;
      await processEvent({
        ...event,
        ack: async () => {
          wanted = true;
        },
      });
      if (wanted) await event.ack();
    },
  } as unknown as App);
}
