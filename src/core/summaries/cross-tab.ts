import type { PollOptionRecord, QuestionRecord, VoteRecord } from '../records.ts';
import type { CrossTab } from './model.ts';

/** The question an open question's themes are compared with: the one it names, else the first choice or Likert question of its section. */
export function crossTabQuestion(question: QuestionRecord, siblings: readonly QuestionRecord[]): QuestionRecord | null {
  const comparable = (q: QuestionRecord) => q.kind !== 'open' && q.kind !== 'statements' && q.status !== 'archived';
  if (question.config.crossTab)
    return siblings.find((q) => q.key === question.config.crossTab && comparable(q)) ?? null;
  return siblings.find((q) => q.sectionId === question.sectionId && q.id !== question.id && comparable(q)) ?? null;
}

/** How the people of one theme answered the compared question. */
export function crossTab(
  compared: QuestionRecord,
  options: readonly PollOptionRecord[],
  votes: readonly VoteRecord[],
  people: ReadonlySet<string>,
): CrossTab {
  const mine = votes.filter((v) => !v.retractedAt && people.has(v.participantId));
  const answered = new Set(mine.map((v) => v.participantId)).size;
  if (compared.kind === 'likert') {
    return {
      questionKey: compared.key,
      prompt: compared.prompt,
      kind: 'likert',
      answered,
      rows: options.map((item) => {
        const points = mine.filter((v) => v.subject === item.key).map((v) => Number(v.choice[0]) + 1);
        const mean = points.length ? points.reduce((a, b) => a + b, 0) / points.length : 0;
        return { key: item.key, label: item.label, count: points.length, share: mean };
      }),
    };
  }
  return {
    questionKey: compared.key,
    prompt: compared.prompt,
    kind: 'choice',
    answered,
    rows: options.map((option) => {
      // Ranked polls count first preferences.
      const count = mine.filter((v) =>
        compared.kind === 'ranked' ? v.choice[0] === option.key : v.choice.includes(option.key),
      ).length;
      return { key: option.key, label: option.label, count, share: answered ? count / answered : 0 };
    }),
  };
}
