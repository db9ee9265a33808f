import { UserError } from '../errors.ts';
import type { QuestionRecord } from '../records.ts';
import { tellOrganisersOfRefusal } from './access-refusals.ts';
import type { CoreDeps } from './deps.ts';
import { buildQuestionCard } from './question-card.ts';

export interface OpenOutcome {
  question: QuestionRecord;
  posted: string[];
  alreadyPosted: string[];
  failed: { channel: string; error: string }[];
}

/**
 * Opens a question: one posting per target channel. Channels that already have a posting are skipped, so a run
 * that died midway can be repeated without posting twice.
 */
export async function openQuestion(
  deps: CoreDeps,
  questionId: string,
  channelTargetIds?: string[],
): Promise<OpenOutcome> {
  const { store, clock, logger } = deps;
  let question = await store.questions.findById(questionId);
  if (!question) throw new UserError('QUESTION_NOT_FOUND', `There is no question with id ${questionId}.`);
  if (question.status === 'archived')
    throw new UserError('QUESTION_NOT_OPEN', `Question "${question.key}" is archived.`);
  if (question.status === 'scheduled') question = await store.questions.setStatus(question.id, 'open', clock.now());
  const card = await buildQuestionCard(store, question);
  const targets = (await store.channels.targets(question.programmeId)).filter(
    (t) => question.channels.includes(t.placeholder) && (!channelTargetIds || channelTargetIds.includes(t.id)),
  );
  const outcome: OpenOutcome = { question, posted: [], alreadyPosted: [], failed: [] };
  for (const target of targets) {
    const label = `${target.platform}:${target.workspaceId}/${target.channelId}`;
    if (await store.postings.find(question.id, target.id)) {
      outcome.alreadyPosted.push(label);
      continue;
    }
    const platform = deps.platforms.get(target.platform);
    if (!platform) {
      outcome.failed.push({ channel: label, error: `the ${target.platform} adapter is not connected` });
      continue;
    }
    try {
      const posted = await platform.postQuestion(target, card);
      await store.postings.create({
        questionId: question.id,
        channelTargetId: target.id,
        messageRef: posted.messageRef,
        threadRef: posted.threadRef,
        postedAt: clock.now(),
      });
      outcome.posted.push(label);
    } catch (error) {
      logger.error({ err: error, question: question.key, channel: label }, 'posting a question failed');
      outcome.failed.push({ channel: label, error: (error as Error).message });
      await tellOrganisersOfRefusal(deps, {
        programmeId: question.programmeId,
        prompt: question.prompt,
        action: 'post the question',
        refused: target,
        error,
      });
    }
  }
  return outcome;
}
