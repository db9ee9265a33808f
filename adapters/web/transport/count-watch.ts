import type { ConsultationReads } from '../../../src/core/consultation/consultation.ts';
import type { ActivityBus } from './event-bus.ts';

/**
 * While someone watches a live page, looks every few seconds at the open questions' counts, so answers recorded
 * elsewhere (the Slack and Discord adapters, another replica) reach the dashboard even when no sandbox card is
 * refreshed. Costs two small queries per open question per look, and nothing when no page is open.
 */
export function watchCounts(read: ConsultationReads, bus: ActivityBus, everyMs = 5000): { stop(): void } {
  const seen = new Map<string, string>();
  let busy = false;
  const look = async () => {
    if (busy || bus.size === 0) return;
    busy = true;
    try {
      for (const counts of await read.openQuestionCounts()) {
        const now = `${counts.responses}:${counts.voters}`;
        const before = seen.get(counts.questionId);
        seen.set(counts.questionId, now);
        if (before !== undefined && before !== now)
          bus.publish({ kind: 'response', questionId: counts.questionId, programmeId: counts.programmeId });
      }
    } catch {
      // The database may be closing or away; the next look tries again.
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void look(), everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
