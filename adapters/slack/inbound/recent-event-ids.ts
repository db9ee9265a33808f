/**
 * The event_ids of the Slack events this process kept most recently. Slack sends an event again (X-Slack-Retry-Num)
 * when it thinks the first delivery failed, and the event_id is what says it is the same event, even when what it
 * carries differs. Bounded: the oldest are forgotten first; across restarts the inbox's own key dedupes.
 */
export class RecentEventIds {
  readonly #ids = new Set<string>();

  constructor(private readonly capacity = 10_000) {}

  has(eventId: string): boolean {
    return this.#ids.has(eventId);
  }

  add(eventId: string): void {
    this.#ids.delete(eventId);
    this.#ids.add(eventId);
    if (this.#ids.size > this.capacity) {
      const oldest = this.#ids.values().next().value;
      if (oldest !== undefined) this.#ids.delete(oldest);
    }
  }
}
