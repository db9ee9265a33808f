import type { OpinionMap } from '../digest/positions-outline.ts';
import type { QuestionRecord } from '../records.ts';
import type { Platform } from '../types.ts';
import { type SummaryDeps, summariseQuestion } from './summarise-question.ts';

/** The opinion map as one person may see it: every voter unnamed, and which dot is theirs (null: not on it). */
export interface YourOpinionMap {
  map: OpinionMap;
  groups: string[];
  yours: number | null;
}

/**
 * The map of an agree/disagree question for one viewer, where the programme shows positions to participants and
 * groups have formed; null otherwise. Only the viewer's own dot is singled out, and only to them.
 */
export async function yourPlaceOnTheMap(
  deps: SummaryDeps,
  question: QuestionRecord,
  viewer: { platform: Platform; platformUserId: string },
): Promise<YourOpinionMap | null> {
  if (question.kind !== 'statements') return null;
  const programme = await deps.store.programmes.findById(question.programmeId);
  if (!programme?.settings.participantsSeePositions) return null;
  const part = (await summariseQuestion(deps, question)).summary.opinionGroups;
  if (part?.status !== 'grouped') return null;
  const me = await deps.store.participants.find(viewer.platform, viewer.platformUserId);
  const yours = me ? part.map.findIndex((p) => p.participantId === me.id) : -1;
  return {
    map: part.map.map(({ x, y, group }) => ({ x, y, group })),
    groups: part.groups.map((g) => g.label),
    yours: yours < 0 ? null : yours,
  };
}
