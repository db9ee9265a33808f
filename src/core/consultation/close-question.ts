import { UserError } from '../errors.ts';
import { tellOrganisersOfRefusal } from './access-refusals.ts';
import type { CoreDeps } from './deps.ts';
import { buildQuestionCard } from './question-card.ts';

/** Closes a question: polls lock, and every posting is updated to show the results. Closing twice is harmless. */
export async function closeQuestion(deps: CoreDeps, questionId: string): Promise<{ updated: number; failed: number }> {
  const { store, clock, logger } = deps;
  const existing = await store.questions.findById(questionId);
  if (!existing) throw new UserError('QUESTION_NOT_FOUND', `There is no question with id ${questionId}.`);
  const question =
    existing.status === 'closed' ? existing : await store.questions.setStatus(questionId, 'closed', clock.now());
  const card = await buildQuestionCard(store, question);
  let updated = 0;
  let failed = 0;
  for (const posting of await store.postings.listByQuestion(questionId)) {
    const target = await store.channels.targetById(posting.channelTargetId);
    const platform = target && deps.platforms.get(target.platform);
    if (!platform) continue;
    try {
      await platform.updateQuestion(posting.messageRef, card);
      updated++;
    } catch (error) {
      failed++;
      logger.error(
        { err: error, question: question.key, messageRef: posting.messageRef },
        'showing results on close failed',
      );
      await tellOrganisersOfRefusal(deps, {
        programmeId: question.programmeId,
        prompt: question.prompt,
        action: 'show the results of',
        refused: target,
        error,
      });
    }
  }
  return { updated, failed };
}
