import { STATEMENT_VOTES } from '../../../src/core/consultation/cast-vote.ts';
import type { QuestionStats } from '../../../src/core/consultation/question-stats.ts';
import { RANKED_SCORING_RULE, rankPoints } from '../../../src/core/consultation/ranked-scoring.ts';
import { barChart, stackedChart } from '../outbound/charts.ts';
import { html, type SafeHtml } from '../outbound/html.ts';

/** The organisers' chart of a poll, from the live votes: every kind, including the ones participants wait for. */
export function pollChart(stats: QuestionStats): SafeHtml {
  const { question, options, votes } = stats;
  const id = `chart-${question.id}`;
  const approved = options.filter((o) => o.status === 'approved');
  if (question.kind === 'open') return html``;
  if (votes.length === 0) return html`<p class="empty">No votes yet.</p>`;
  if (question.kind === 'likert') {
    const scale = question.config.scale ?? [];
    return stackedChart(
      id,
      'Ratings per item',
      scale,
      approved.map((item) => ({
        label: item.label,
        parts: scale.map((name, i) => ({
          name,
          count: votes.filter((v) => v.subject === item.key && v.choice[0] === String(i)).length,
        })),
      })),
    );
  }
  if (question.kind === 'statements') {
    return stackedChart(
      id,
      'Votes per statement',
      ['Agree', 'Disagree', 'Pass'],
      approved.map((statement) => ({
        label: statement.label,
        parts: STATEMENT_VOTES.map((choice) => ({
          name: choice,
          count: votes.filter((v) => v.subject === statement.key && v.choice[0] === choice).length,
        })),
      })),
      [5, 0, 2],
    );
  }
  if (question.kind === 'ranked') {
    const first = approved.map((o) => ({ label: o.label, count: votes.filter((v) => v.choice[0] === o.key).length }));
    const n = approved.length;
    const keys = new Set(approved.map((o) => o.key));
    const points = approved
      .map((o) => ({
        label: o.label,
        points: votes.reduce(
          (sum, v) =>
            sum +
            rankPoints(
              v.choice.filter((k) => keys.has(k)),
              o.key,
              n,
            ),
          0,
        ),
      }))
      .sort((a, b) => b.points - a.points);
    return html`${barChart(id, 'First preferences', first)}
<p class="hint">${RANKED_SCORING_RULE} ${points.map((p) => `${p.label} ${p.points}`).join(' · ')}</p>`;
  }
  return barChart(
    id,
    question.kind === 'multi_choice' ? 'People choosing each option' : 'Votes per option',
    approved.map((o) => ({ label: o.label, count: votes.filter((v) => v.choice.includes(o.key)).length })),
  );
}
