import type { PollOptionRecord, QuestionRecord } from '../../src/core/records.ts';
import type { ActionData } from './action-data.ts';

/** The votes a card's submission makes (one per rated item on a rating scale), or why it makes none. */
export type Ballot = { votes: { subject: string; choice: string[] }[] } | { refusal: string };

const field = (data: Record<string, unknown>, name: string) =>
  typeof data[name] === 'string' ? (data[name] as string).trim() : '';

/**
 * Reads what the person chose from the card's inputs as Teams sends them: a multi-select is one comma-separated
 * value, each rank and each rated item its own input. The core checks the poll's own rules (how many choices).
 */
export function ballotOf(
  question: QuestionRecord,
  options: PollOptionRecord[],
  data: Extract<ActionData, { agora: 'vote' }>,
): Ballot {
  const keys = new Set(options.map((o) => o.key));
  const known = (choice: string[]) => choice.every((key) => keys.has(key));
  switch (question.kind) {
    case 'single_choice':
      return data.option && keys.has(data.option)
        ? { votes: [{ subject: '', choice: [data.option] }] }
        : { refusal: 'That option is not in this poll any more.' };
    case 'multi_choice': {
      const choice = field(data, 'choices').split(',').filter(Boolean);
      if (choice.length === 0) return { refusal: 'Tick at least one option, then press Submit choices.' };
      return known(choice)
        ? { votes: [{ subject: '', choice }] }
        : { refusal: 'Some of those options are not in this poll.' };
    }
    case 'ranked': {
      const choice = options.map((_, i) => field(data, `rank-${i + 1}`)).filter(Boolean);
      if (choice.length === 0)
        return { refusal: 'Choose an option for the 1st place at least, then press Save ranking.' };
      if (new Set(choice).size !== choice.length) return { refusal: 'Each option can take one place only.' };
      return known(choice)
        ? { votes: [{ subject: '', choice }] }
        : { refusal: 'Some of those options are not in this poll.' };
    }
    case 'likert': {
      const votes = options
        .map((item) => ({ subject: item.key, choice: [field(data, `rate-${item.key}`)] }))
        .filter((vote) => vote.choice[0] !== '');
      return votes.length > 0 ? { votes } : { refusal: 'Rate at least one item, then press Submit ratings.' };
    }
    default:
      return { refusal: 'This question takes no votes.' };
  }
}
