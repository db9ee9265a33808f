import type { Consultation } from '../../src/core/consultation/consultation.ts';
import type { InboundEvent } from '../../src/core/inbound/inbound-event.ts';
import type { Logger } from '../../src/core/ports/logger.ts';
import { ALREADY_RECEIVED, NOT_RECORDED } from './invoke-answers.ts';

/** Submits the events; resolves with what to say when they could not all be kept, or were kept already. */
export async function keepEvents(
  context: { consultation: Consultation; logger: Logger },
  events: InboundEvent[],
): Promise<string | null> {
  try {
    const results = await Promise.all(events.map((event) => context.consultation.submit(event)));
    return results.every((r) => r === 'duplicate') ? ALREADY_RECEIVED : null;
  } catch (error) {
    context.logger.error(
      { err: error, kinds: events.map((e) => e.kind), keys: events.map((e) => e.key) },
      'a Teams action could not be stored; the person was asked to try again',
    );
    return NOT_RECORDED;
  }
}
