import type { PollOptionRecord, QuestionRecord } from '../../src/core/records.ts';
import { shown } from './text.ts';

const STANCE_WORDS: Record<string, string> = { agree: 'agree with', disagree: 'disagree with', pass: 'passed on' };

const label = (options: PollOptionRecord[], key: string) =>
  shown(options.find((o) => o.key === key)?.label ?? key, 200);

/** What a person is told after voting: what they chose, and that they can change it. */
export function describeVote(
  question: QuestionRecord,
  options: PollOptionRecord[],
  subject: string,
  choice: string[],
): string {
  const hidden = question.resultsVisibility === 'on_close' ? ' Results are shown when the poll closes.' : '';
  const privately = question.anonymity === 'anonymous' ? ' Nobody sees who voted what.' : '';
  const tail = `${hidden}${privately}`;
  switch (question.kind) {
    case 'single_choice':
      return `Your vote: **${label(options, choice[0] ?? '')}**. Pick another option to change it.${tail}`;
    case 'multi_choice':
      return choice.length
        ? `Your choices: ${choice.map((k) => `**${label(options, k)}**`).join(', ')}. Choose again to change them.${tail}`
        : `You chose none of the options. Choose again to change that.${tail}`;
    case 'ranked':
      return `Your ranking: ${choice.map((k, i) => `${i + 1}. **${label(options, k)}**`).join('  ')}. Rank again to change it.${tail}`;
    case 'likert': {
      const point = question.config.scale?.[Number(choice[0])] ?? choice[0] ?? '';
      return `You rated **${label(options, subject)}**: **${shown(point, 100)}**. Rate it again to change it.${tail}`;
    }
    case 'statements': {
      const stance = STANCE_WORDS[choice[0] ?? ''] ?? 'voted on';
      return `You **${stance}**: “${label(options, subject)}”. You can change your mind while it is open.${tail}`;
    }
    default:
      return `Your vote is in.${tail}`;
  }
}

/** "This poll is closed" in the flows, before anyone spends time ranking. */
export function notOpenText(question: QuestionRecord): string {
  if (question.status === 'scheduled') return 'This poll has not opened yet.';
  return 'This poll is closed; your vote was not counted.';
}

export function ordinal(n: number): string {
  const words = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];
  return words[n - 1] ?? `${n}th`;
}
