/** One-time messages shown after a redirect (what an action did), kept per session for a few minutes. */
export interface FlashMessage {
  text: string;
  details?: string[];
  tone: 'ok' | 'problem';
  /** A button that does the same again, insisting (e.g. "Send anyway" in quiet hours): where it posts, its label. */
  insist?: { action: string; label: string };
}

export class FlashStore {
  readonly #messages = new Map<string, { message: FlashMessage; until: number }>();

  put(sid: string, message: FlashMessage): void {
    if (this.#messages.size > 1000) this.#messages.clear();
    this.#messages.set(sid, { message, until: Date.now() + 5 * 60_000 });
  }

  take(sid: string): FlashMessage | null {
    const entry = this.#messages.get(sid);
    this.#messages.delete(sid);
    return entry && entry.until > Date.now() ? entry.message : null;
  }
}
