import { rankPoints } from '../consultation/ranked-scoring.ts';
import type { VoteTallyRow } from '../ports/reporting.ts';
import type { PollOptionRecord, QuestionRecord } from '../records.ts';
import { isSmall, reportCount } from '../small-counts.ts';
import type { PollResults } from './model.ts';

/**
 * Poll results from live votes counted per exact choice: counts per option, Likert distributions and means,
 * first preferences and Borda points for ranked polls, agree/disagree/pass per statement. For anonymous questions
 * small counts are reported as "fewer than 5", and means, shares and scores built on fewer than 5 votes are null.
 */

const share = (part: number, whole: number, hidden: boolean) => (hidden || whole === 0 ? null : part / whole);

export function pollResults(
  question: QuestionRecord,
  options: PollOptionRecord[],
  tally: VoteTallyRow[],
  /** Distinct people with a live vote (a statements question's votes are per statement). */
  distinctVoters: number,
): PollResults {
  const anonymous = question.anonymity === 'anonymous';
  const c = (n: number) => reportCount(n, anonymous);
  const small = (n: number) => isSmall(n, anonymous);

  if (question.kind === 'likert') {
    const scale = question.config.scale ?? [];
    return {
      type: 'likert',
      scale,
      items: options.map((item) => {
        const distribution = scale.map(() => 0);
        for (const row of tally) {
          const point = Number(row.choice[0]);
          if (row.subject === item.key && Number.isInteger(point) && point >= 0 && point < scale.length)
            distribution[point] = (distribution[point] as number) + row.count;
        }
        const responses = distribution.reduce((a, b) => a + b, 0);
        const sum = distribution.reduce((total, n, point) => total + n * (point + 1), 0);
        return {
          key: item.key,
          label: item.label,
          responses: c(responses),
          distribution: distribution.map(c),
          mean: responses === 0 || small(responses) ? null : Math.round((sum / responses) * 100) / 100,
        };
      }),
    };
  }

  if (question.kind === 'statements') {
    return {
      type: 'statements',
      voters: c(distinctVoters),
      statements: options.map((s) => {
        const counts = { agree: 0, disagree: 0, pass: 0 };
        for (const row of tally) {
          const vote = row.choice[0];
          if (row.subject === s.key && (vote === 'agree' || vote === 'disagree' || vote === 'pass'))
            counts[vote] += row.count;
        }
        const votes = counts.agree + counts.disagree + counts.pass;
        return {
          key: s.key,
          label: s.label,
          status: s.status === 'pending' ? ('pending' as const) : ('approved' as const),
          votes: c(votes),
          agree: c(counts.agree),
          disagree: c(counts.disagree),
          pass: c(counts.pass),
          agreeShare: share(counts.agree, votes, small(votes)),
        };
      }),
    };
  }

  const keys = new Set(options.map((o) => o.key));
  const voters = tally.filter((row) => row.subject === '').reduce((n, row) => n + row.count, 0);

  if (question.kind === 'ranked') {
    const n = options.length;
    const first = new Map(options.map((o) => [o.key, 0]));
    const points = new Map(options.map((o) => [o.key, 0]));
    for (const row of tally) {
      if (row.subject !== '') continue;
      const ranking = row.choice.filter((k) => keys.has(k));
      const top = ranking[0];
      if (top !== undefined) first.set(top, (first.get(top) ?? 0) + row.count);
      for (const key of ranking) points.set(key, (points.get(key) ?? 0) + rankPoints(ranking, key, n) * row.count);
    }
    const hidden = small(voters);
    const all = [...points.values()];
    return {
      type: 'ranked',
      voters: c(voters),
      options: options.map((o) => {
        const better = all.filter((p) => p > (points.get(o.key) ?? 0)).length;
        return {
          key: o.key,
          label: o.label,
          firstPreferences: c(first.get(o.key) ?? 0),
          firstShare: share(first.get(o.key) ?? 0, voters, hidden),
          bordaPoints: hidden ? null : (points.get(o.key) ?? 0),
          bordaRank: hidden ? null : better + 1,
        };
      }),
    };
  }

  const counts = new Map(options.map((o) => [o.key, 0]));
  for (const row of tally) {
    if (row.subject !== '') continue;
    for (const key of new Set(row.choice)) if (counts.has(key)) counts.set(key, (counts.get(key) ?? 0) + row.count);
  }
  return {
    type: 'choice',
    multiple: question.kind === 'multi_choice',
    voters: c(voters),
    options: options.map((o) => ({
      key: o.key,
      label: o.label,
      votes: c(counts.get(o.key) ?? 0),
      share: share(counts.get(o.key) ?? 0, voters, small(voters)),
    })),
  };
}
