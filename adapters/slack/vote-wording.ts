import type { Store } from '../../src/core/ports/store.ts';
import type { QuestionRecord } from '../../src/core/records.ts';
import { slackDate } from './date-token.ts';
import { shown } from './mrkdwn.ts';

/** What a person is told after voting, so they can see what they voted. */
export async function voteConfirmation(
  store: Store,
  question: QuestionRecord,
  subject: string,
  choice: string[],
): Promise<string> {
  const options = await store.questions.options(question.id, { includePending: true });
  const label = (key: string) => shown(options.find((o) => o.key === key)?.label ?? key, 150);
  switch (question.kind) {
    case 'likert': {
      const point = question.config.scale?.[Number(choice[0])] ?? choice[0] ?? '';
      return `Your rating of *${label(subject)}*: *${shown(point, 75)}*. Rate it again to change it.`;
    }
    case 'statements':
      return `On “${label(subject)}” you *${choice[0] === 'pass' ? 'passed' : choice[0]}*. You can change your mind while the question is open.`;
    case 'ranked':
      return `Your order: ${choice.map((key, i) => `${i + 1}. *${label(key)}*`).join('  ')}. Rank again to change it.`;
    case 'multi_choice':
      return `Your choices: ${choice.map((key) => `*${label(key)}*`).join(', ')}. Submit again to change them.`;
    default:
      return `Your vote: *${label(choice[0] ?? '')}*. Pick another option to change it.`;
  }
}

/** The refusal of a vote on a closed poll, with the closing time in the reader's own time zone. */
export function closedPollNotice(closedAt: unknown): string {
  const when =
    closedAt instanceof Date ? ` ${slackDate(closedAt)}` : closedAt ? ` ${slackDate(new Date(String(closedAt)))}` : '';
  return `This poll closed${when}; your vote was not counted.`;
}
