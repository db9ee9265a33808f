import { RANKED_SCORING_RULE } from '../../src/core/consultation/ranked-scoring.ts';
import type { QuestionCard } from '../../src/core/ports/chat-platform.ts';
import { anonymityNote as questionAnonymityNote } from '../../src/core/presentation/question-wording.ts';
import type { Anonymity, QuestionKind } from '../../src/core/types.ts';

/** The words around a question in Teams: what kind it is, who sees what, and how to take part. */

export const isClosed = (card: Pick<QuestionCard, 'status'>) => card.status === 'closed' || card.status === 'archived';

/** The core's anonymity note, in Teams' markdown: bold labels, and a thread reply seen by the team. */
export function anonymityNote(anonymity: Anonymity, kind: QuestionKind): string {
  return questionAnonymityNote(anonymity, kind, { strong: (label) => `**${label}**`, audience: 'team' });
}

export function howToTakePart(card: QuestionCard): string {
  if (isClosed(card))
    return `This question is closed. Thank you for taking part.${card.kind === 'ranked' ? ` ${RANKED_SCORING_RULE}` : ''}`;
  switch (card.kind) {
    case 'open':
      return 'Reply in this thread to answer. Edit or delete your reply at any time and the record follows.';
    case 'single_choice':
      return 'Pick one option. Picking another changes your vote.';
    case 'multi_choice':
      return 'Tick your options, then press **Submit choices**. Submitting again replaces your choices.';
    case 'ranked':
      return `Choose an option for each place, then press **Save ranking**. Saving again replaces your order. ${RANKED_SCORING_RULE}`;
    case 'likert':
      return 'Rate each item, then press **Submit ratings**. Submitting again changes your ratings.';
    case 'statements':
      return card.allowStatements
        ? 'Press **Vote on statements**: Agora shows you them one at a time in your chat with it. Press **Add a statement** to put your own to everyone.'
        : 'Press **Vote on statements**: Agora shows you them one at a time in your chat with it.';
  }
}

/** An instant as Adaptive Cards render it: in each reader's own time zone and language. */
export const cardInstant = (at: Date) => {
  const iso = at.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `{{DATE(${iso}, SHORT)}} {{TIME(${iso})}}`;
};
