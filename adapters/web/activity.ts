import { buildQuestionCard } from '../../src/core/consultation/question-card.ts';
import type { WebServices } from './context.ts';
import type { ActivityKind } from './event-bus.ts';

/**
 * After something changed a question (a reply, a vote, an open or close), the sandbox's copies of its card are
 * updated, as a chat platform's message would be, and live pages are told. Other adapters' activity reaches the
 * dashboard through the same function, which the composition root can call.
 */
export function createActivityHook(services: WebServices) {
  const { store, logger } = services.options.deps;
  return async (activity: { kind: ActivityKind; questionId?: string; channel?: string }): Promise<void> => {
    let programmeId: string | undefined;
    if (activity.questionId) {
      try {
        const question = await store.questions.findById(activity.questionId);
        if (question) {
          programmeId = question.programmeId;
          const postings = await store.postings.listByQuestion(question.id);
          const webPostings = [];
          for (const posting of postings) {
            const target = await store.channels.targetById(posting.channelTargetId);
            if (target?.platform === 'web') webPostings.push(posting);
          }
          if (webPostings.length) {
            const card = await buildQuestionCard(store, question);
            for (const posting of webPostings) services.platform.rememberCard(posting.messageRef, card);
          }
        }
      } catch (error) {
        logger.warn({ err: error, questionId: activity.questionId }, 'could not refresh the sandbox card');
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
