import type { QuestionCard } from '../../../src/core/ports/chat-platform.ts';

/** Discord's limits for a message with components, and how a question is laid out within them. */
export const LIMITS = {
  content: 2000,
  rows: 5,
  buttonsPerRow: 5,
  selectOptions: 25,
  buttonLabel: 80,
  optionLabel: 100,
  optionDescription: 100,
  placeholder: 150,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  embedTotal: 6000,
  authorName: 256,
  footer: 2048,
  threadName: 100,
  modalTitle: 45,
  labelText: 45,
  labelDescription: 100,
  textInput: 4000,
} as const;

export const STANCES = [
  { label: 'Agree', choice: 'agree' },
  { label: 'Disagree', choice: 'disagree' },
  { label: 'Pass', choice: 'pass' },
] as const;

/**
 * Whether each Likert item gets its own row on the question's message (up to five items), or one button opening a
 * private, paged flow instead. Statements never do: they are dealt one at a time, as people may add more.
 */
export function itemsInRows(card: Pick<QuestionCard, 'kind' | 'options'>): boolean {
  if (card.kind !== 'likert') return false;
  return card.options.length > 0 && card.options.length <= LIMITS.rows;
}
