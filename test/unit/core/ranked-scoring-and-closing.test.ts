import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { questionEmbed } from '../../../adapters/discord/outbound/question-embed.ts';
import { renderQuestion } from '../../../adapters/slack/outbound/question-blocks.ts';
import { pollChart } from '../../../adapters/web/dashboard/poll-chart.ts';
import { castVote } from '../../../src/core/consultation/cast-vote.ts';
import { closeQuestion } from '../../../src/core/consultation/close-question.ts';
import { openQuestion } from '../../../src/core/consultation/open-question.ts';
import { buildQuestionCard } from '../../../src/core/consultation/question-card.ts';
import { questionStats } from '../../../src/core/consultation/question-stats.ts';
import { RANKED_SCORING_RULE } from '../../../src/core/consultation/ranked-scoring.ts';
import { pollResults } from '../../../src/core/digest/poll-results.ts';
import { coreHarness } from '../../support/core-harness.ts';

describe('one rule for ranked polls, and the real closing time', () => {
  let h: Awaited<ReturnType<typeof coreHarness>>;
  beforeEach(async () => {
    h = await coreHarness();
  });
  afterEach(async () => h.close());

  it('scores a ranked poll the same on the dashboard as in the digest, and states the rule on card and dashboard', async () => {
    const question = h.question('q-ranked');
    await openQuestion(h.deps, question.id);
    const options = await h.store.questions.options(question.id);
    const key = (label: string) => options.find((o) => o.label === label)?.key as string;
    const rankings = [
      ['Pay', 'Time', 'Training'],
      ['Time', 'Pay', 'Training'],
      ['Pay', 'Training', 'Time'],
    ];
    for (const [i, ranking] of rankings.entries()) {
      await castVote(h.deps, {
        questionId: question.id,
        author: h.person(`U${i}`),
        subject: '',
        choice: ranking.map(key),
        idempotencyKey: `rank-${i}`,
        at: h.clock.now(),
      });
    }
    const programme = await h.store.programmes.findById(question.programmeId);
    if (!programme) throw new Error('no programme');
    const stored = (await h.store.questions.findById(question.id)) ?? question;
    const dashboard = String(pollChart(await questionStats(h.store, programme, stored)));
    // With three options: first place 2 points, second 1, third 0.
    expect(dashboard).toContain('Pay 5 · Time 3 · Training 1');
    expect(dashboard).toContain(RANKED_SCORING_RULE);

    const tally = await h.store.reporting.tallyVotes(question.id, { until: new Date('2030-01-01T00:00:00Z') });
    const results = pollResults(stored, options, tally, 3);
    if (results.type !== 'ranked') throw new Error('expected ranked results');
    expect(Object.fromEntries(results.options.map((o) => [o.label, o.bordaPoints]))).toEqual({
      Pay: 5,
      Time: 3,
      Training: 1,
    });

    const card = await buildQuestionCard(h.store, stored);
    expect(JSON.stringify(renderQuestion(card).blocks)).toContain(RANKED_SCORING_RULE);
    expect(JSON.stringify(questionEmbed(card))).toContain(RANKED_SCORING_RULE);
  });

  it('shows when a question closed early, not its planned closing time', async () => {
    const question = h.question('q-single');
    await openQuestion(h.deps, question.id);
    h.clock.set('2026-12-03T12:30:00Z');
    await closeQuestion(h.deps, question.id);
    const closed = await h.store.questions.findById(question.id);
    if (!closed) throw new Error('no question');
    const card = await buildQuestionCard(h.store, closed);
    expect(card.closedAt?.toISOString()).toBe('2026-12-03T12:30:00.000Z');
    const actual = Math.floor(Date.parse('2026-12-03T12:30:00Z') / 1000);
    const planned = Math.floor((closed.closesAt as Date).getTime() / 1000);
    const slack = JSON.stringify(renderQuestion(card).blocks);
    expect(slack).toContain(`<!date^${actual}^`);
    expect(slack).not.toContain(`<!date^${planned}^`);
    const discord = JSON.stringify(questionEmbed(card));
    expect(discord).toContain(`<t:${actual}:F>`);
    expect(discord).not.toContain(`<t:${planned}:`);
  });
});
