/**
 * An in-process bus of "something changed" signals, for live pages (server-sent events). It carries ids only,
 * never who did what, so a live page learns nothing it could not see by reloading.
 */

export type ActivityKind = 'response' | 'vote' | 'question' | 'message' | 'notice' | 'programme';

export interface Activity {
  kind: ActivityKind;
  questionId?: string;
  programmeId?: string;
  /** A sandbox channel placeholder, when the change is shown in one. */
  channel?: string;
}

type Listener = (activity: Activity) => void;

export class ActivityBus {
  readonly #listeners = new Set<Listener>();

  publish(activity: Activity): void {
    for (const listener of this.#listeners) {
      try {
        listener(activity);
      } catch {
        // A listener that fails (a closed stream) must not stop the others.
      }
    }
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  get size(): number {
    return this.#listeners.size;
  }
}
