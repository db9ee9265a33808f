import type { WebServices } from '../context.ts';
import type { ActivityKind } from './event-bus.ts';

/**
 * Tells live pages that something changed (a question opened or closed from the dashboard, a programme re-loaded).
 * Cards themselves are refreshed by the core, on every platform, after each applied event; this only carries ids.
 * The composition root can call it for activity the web adapter would not otherwise see.
 */
export function createActivityHook(services: WebServices) {
  const { read, logger } = services.options.consultation;
  return async (activity: { kind: ActivityKind; questionId?: string; channel?: string }): Promise<void> => {
    let programmeId: string | undefined;
    if (activity.questionId) {
      try {
        programmeId = (await read.question(activity.questionId))?.programmeId;
      } catch (error) {
        logger.warn({ err: error, questionId: activity.questionId }, 'could not find the programme of a question');
      }
    }
    services.bus.publish({
      kind: activity.kind,
      ...(activity.questionId ? { questionId: activity.questionId } : {}),
      ...(programmeId ? { programmeId } : {}),
      ...(activity.channel ? { channel: activity.channel } : {}),
    });
  };
}

export type ActivityHook = ReturnType<typeof createActivityHook>;
