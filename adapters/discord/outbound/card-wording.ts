import { RANKED_SCORING_RULE } from '../../../src/core/consultation/ranked-scoring.ts';
import type { QuestionCard } from '../../../src/core/ports/chat-platform.ts';
import { anonymityNote as coreAnonymityNote } from '../../../src/core/presentation/question-wording.ts';
import type { Anonymity, QuestionKind } from '../../../src/core/types.ts';

/** The words around a question on Discord: what kind it is, who sees what, and how to take part. */

export const isClosed = (card: Pick<QuestionCard, 'status'>) => card.status === 'closed' || card.status === 'archived';

/** Said plainly in every question, as people ask: which level of anonymity applies. */
export const anonymityNote = (anonymity: Anonymity, kind: QuestionKind) =>
  coreAnonymityNote(anonymity, kind, { strong: (label) => `**${label}**`, audience: 'server' });

export function howToTakePart(card: QuestionCard, rowsForItems: boolean): string {
  if (isClosed(card))
    return `This question is closed. Thank you for taking part.${card.kind === 'ranked' ? ` ${RANKED_SCORING_RULE}` : ''}`;
  switch (card.kind) {
    case 'open':
      return 'Reply in this thread to answer. Edit or delete your reply at any time and the record follows.';
    case 'single_choice':
      return 'Pick one option. Picking another changes your vote.';
    case 'multi_choice':
      return 'Choose your options in the menu. Choosing again replaces your choices.';
    case 'ranked':
      return `Press **Rank the options** to put them in your order. Ranking again replaces your order. ${RANKED_SCORING_RULE}`;
    case 'likert':
      return rowsForItems
        ? 'Rate each item with its row below, in the order listed. Rating it again changes your rating.'
        : 'Press **Rate the items** to rate each one. Rating it again changes your rating.';
    case 'statements':
      return card.allowStatements
        ? 'Press **Vote on the statements** to be shown them one at a time: agree, disagree or pass on each. Press **Add a statement** to put your own to everyone.'
        : 'Press **Vote on the statements** to be shown them one at a time: agree, disagree or pass on each.';
  }
}
