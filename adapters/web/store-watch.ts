import type { Store } from '../../src/core/ports/store.ts';
import type { ActivityBus } from './event-bus.ts';

/**
 * While someone watches a live page, looks every few seconds at the open questions' counts in the store, so answers
 * recorded elsewhere (the Slack and Discord adapters, another replica) reach the dashboard even when nothing calls
 * the activity hook. Costs two small queries per open question per look, and nothing when no page is open.
 */
export function watchStore(store: Store, bus: ActivityBus, everyMs = 5000): { stop(): void } {
  const seen = new Map<string, string>();
  let busy = false;
  const look = async () => {
    if (busy || bus.size === 0) return;
    busy = true;
    try {
      for (const question of await store.questions.listByStatus('open')) {
        const now = `${await store.questions.countResponses(question.id)}:${(await store.votes.voterIds(question.id)).length}`;
        const before = seen.get(question.id);
        seen.set(question.id, now);
        if (before !== undefined && before !== now)
          bus.publish({ kind: 'response', questionId: question.id, programmeId: question.programmeId });
      }
    } catch {
      // The store may be closing; the next look tries again.
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void look(), everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
