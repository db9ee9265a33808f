import type { QuestionRecord } from '../records.ts';

/** The words people are told after what they sent was applied: one wording for every platform. */

const shorten = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

const utc = (at: Date) => `${at.toISOString().replace('T', ' ').slice(0, 16)} UTC`;

export function firstResponseThanks(prompt: string | null): string {
  const what = prompt ? ` to “${shorten(prompt, 200)}”` : '';
  return `Thank you: your reply is recorded as your response${what}. Edit or delete it at any time and the record follows; \`/agora mydata\` shows everything you have given.`;
}

export function closedReplyNotice(closedAt: Date | null): string {
  const when = closedAt ? ` at ${utc(closedAt)}` : '';
  return `This question closed${when}, so your reply stays in the thread but is not recorded as a response.`;
}

export function privateAnswerThanks(prompt: string): string {
  return `Thank you: your private answer to “${shorten(prompt, 200)}” is recorded. Only the organisers' digest counts it, never quoted in the channel.`;
}

export function closedAnswerNotice(closedAt: Date | null): string {
  const when = closedAt ? ` at ${utc(closedAt)}` : '';
  return `This question closed${when}; your answer was not recorded.`;
}

/** What a person is told after voting, so they can see what they voted. */
export function voteNotice(
  question: QuestionRecord,
  labels: ReadonlyMap<string, string>,
  subject: string,
  choice: string[] | null,
): string {
  const label = (key: string) => shorten(labels.get(key) ?? key, 150);
  if (choice === null) return 'Your vote is withdrawn.';
  switch (question.kind) {
    case 'likert': {
      const point = question.config.scale?.[Number(choice[0])] ?? choice[0] ?? '';
      return `Your rating of “${label(subject)}”: ${shorten(point, 75)}. Rate it again to change it.`;
    }
    case 'statements':
      return `On “${label(subject)}” you ${choice[0] === 'pass' ? 'passed' : choice[0]}. You can change your mind while the question is open.`;
    case 'ranked':
      return `Your order: ${choice.map((key, i) => `${i + 1}. ${label(key)}`).join('  ')}. Rank again to change it.`;
    case 'multi_choice':
      return `Your choices: ${choice.map((key) => label(key)).join(', ')}. Submit again to change them.`;
    default:
      return `Your vote: ${label(choice[0] ?? '')}. Pick another option to change it.`;
  }
}

/** What the author of a reply is told when an organiser makes a statement of it: credited to them, in these words. */
export function proposedFromYourReplyNotice(input: {
  organiser: string;
  prompt: string;
  text: string;
  status: 'approved' | 'pending';
  anonymous: boolean;
}): string {
  const credit = input.anonymous
    ? 'It is credited to you, though on this anonymous question nobody is shown who wrote it.'
    : 'It is credited to you.';
  const state =
    input.status === 'approved'
      ? 'It is added: others will now be asked whether they agree, and you can vote on it too.'
      : "It is waiting for an organiser's approval; once approved, it will be dealt to others.";
  return `${shorten(input.organiser, 100)}, an organiser, made a statement from your reply to “${shorten(input.prompt, 200)}”: “${input.text}”. ${credit} ${state}`;
}
