import type { Anonymity, QuestionKind } from '../types.ts';

/** What every platform says around a question: what kind it is and which level of anonymity applies. */

export const KIND_LABEL: Record<QuestionKind, string> = {
  open: 'Open question',
  single_choice: 'Poll: pick one',
  multi_choice: 'Poll: pick several',
  ranked: 'Poll: rank the options',
  likert: 'Rating scale',
  statements: 'Agree or disagree',
};

/** How a platform marks a button's label in running text, and who else sees a thread reply there. */
export interface NoteStyle {
  strong: (label: string) => string;
  audience: string;
}

/** Said plainly in every question, as people ask: which level of anonymity applies. */
export function anonymityNote(anonymity: Anonymity, kind: QuestionKind, style: NoteStyle): string {
  if (kind === 'open') {
    if (anonymity === 'named') return 'Replies in the thread are recorded with your name.';
    const how = anonymity === 'anonymous' ? 'without your name' : 'under a pseudonym, never your name';
    return `Agora's reports quote answers ${how}. Thread replies are visible to the ${style.audience} as usual: use ${style.strong('Answer privately')} if that matters.`;
  }
  if (anonymity === 'anonymous') return 'Anonymous poll: results show counts only, never who voted.';
  if (anonymity === 'pseudonymous') return 'Results show counts only; reports never use your name.';
  return 'Results show counts only.';
}
