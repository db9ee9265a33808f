import { RANKED_SCORING_RULE } from '../../../src/core/consultation/ranked-scoring.ts';
import type { QuestionCard } from '../../../src/core/ports/chat-platform.ts';
import { anonymityNote as coreAnonymityNote } from '../../../src/core/presentation/question-wording.ts';
import type { Anonymity, QuestionKind } from '../../../src/core/types.ts';

/** The words around a question: what kind it is, who sees what, and how to take part. */

/** Said plainly in every question, as people ask: which level of anonymity applies. */
export const anonymityNote = (anonymity: Anonymity, kind: QuestionKind) =>
  coreAnonymityNote(anonymity, kind, { strong: (label) => `*${label}*`, audience: 'channel' });

export function howToTakePart(card: QuestionCard): string {
  if (card.status === 'closed' || card.status === 'archived')
    return `This question is closed. Thank you for taking part.${card.kind === 'ranked' ? ` ${RANKED_SCORING_RULE}` : ''}`;
  switch (card.kind) {
    case 'open':
      return 'Reply in this thread to answer. Edit or delete your reply at any time and the record follows.';
    case 'single_choice':
      return 'Pick one option. Picking another changes your vote.';
    case 'multi_choice':
      return 'Tick your options, then press *Submit choices*. Submitting again replaces your choices.';
    case 'ranked':
      return `Press *Rank the options* to put them in your order. Ranking again replaces your order. ${RANKED_SCORING_RULE}`;
    case 'likert':
      return 'Rate each item. Rating it again changes your rating.';
    case 'statements':
      return card.allowStatements
        ? 'Press *Vote on statements* to agree, disagree or pass on them one at a time, or *Add a statement* of your own.'
        : 'Press *Vote on statements* to agree, disagree or pass on them one at a time.';
  }
}
