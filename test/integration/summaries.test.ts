import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/core/commands/command-registry.ts';
import { createCommandRegistry } from '../../src/core/commands/default-commands.ts';
import { buildDigest } from '../../src/core/digest/build-digest.ts';
import { digestModelSchema } from '../../src/core/digest/model.ts';
import { renderHtml } from '../../src/core/digest/render-html.ts';
import { renderMarkdown } from '../../src/core/digest/render-markdown.ts';
import { messageForUser } from '../../src/core/errors.ts';
import type { QuestionSummary } from '../../src/core/summaries/model.ts';
import { summariseQuestion } from '../../src/core/summaries/summarise-question.ts';
import { coreHarness } from '../support/core-harness.ts';
import { runAgoraCli } from '../support/run-agora.ts';
import { type SummaryHarness, seedSummaries, voteInCamps } from '../support/summary-fixture.ts';
import { expectStoredSummariesVerbatim } from '../support/verbatim-summaries.ts';

const DAY = 24 * 3600 * 1000;

describe('summaries of positions', () => {
  let h: SummaryHarness;
  let seeded: Awaited<ReturnType<typeof seedSummaries>>;

  beforeEach(async () => {
    h = await coreHarness();
    seeded = await seedSummaries(h);
  });
  afterEach(async () => {
    await expectStoredSummariesVerbatim(h.store);
    await h.close();
  });

  it('finds the two camps, what each agrees on and the common ground of an agree/disagree question', async () => {
    const { summary } = await summariseQuestion(h.deps, seeded.statements);
    const groups = summary.opinionGroups;
    if (groups?.status !== 'grouped') throw new Error(`not grouped: ${JSON.stringify(groups)}`);
    expect(groups.k).toBe(2);
    expect(groups.groups.map((g) => g.members.length)).toEqual([10, 10]);
    expect(groups.consensus.map((s) => [s.text, s.direction])).toContainEqual([
      'Cover should be shared fairly',
      'agree',
    ]);
    expect(groups.map).toHaveLength(21); // the organiser agrees with the four statements they added
    expect(summary.inputs).toMatchObject({ statements: 6, votes: 120 + 4 });
  });

  it('says how many more people are needed rather than drawing a map from too few votes', async () => {
    const few = await coreHarness();
    try {
      const { statements } = await seedSummaries(few, { voters: 5 });
      const { summary } = await summariseQuestion(few.deps, statements);
      expect(summary.opinionGroups).toMatchObject({ status: 'not-enough-votes', morePeopleNeeded: 10 });
      expect(summary.opinionGroups?.status === 'not-enough-votes' && summary.opinionGroups.message).toMatch(
        /^Not enough votes yet: 10 more people need/,
      );
    } finally {
      await few.close();
    }
  });

  it('groups written answers into themes with verbatim linked quotes, a cross-tab, and emoji or link-only answers left out', async () => {
    const { summary } = await summariseQuestion(h.deps, seeded.open);
    const themes = summary.themes;
    if (!themes) throw new Error('no themes');
    expect(themes.themes).toHaveLength(3);
    expect(themes.leftOut).toBe(2);
    const labels = themes.themes.map((t) => t.label.toLowerCase()).join(' | ');
    for (const word of ['marking', 'meeting', 'behaviour']) expect(labels).toContain(word);
    const bodies = new Map((await h.store.responses.listByQuestion(seeded.open.id)).map((r) => [r.id, r.body]));
    for (const theme of themes.themes) {
      expect(theme.quotes.length).toBeGreaterThanOrEqual(1);
      for (const quote of theme.quotes) expect(bodies.get(quote.responseId)).toContain(quote.text);
      expect(theme.crossTab?.questionKey).toBe('q-single');
    }
    const marking = themes.themes.find((t) => t.label.toLowerCase().includes('marking'));
    expect(marking?.crossTab?.rows.find((r) => r.key === 'no')).toMatchObject({ count: 4, share: 1 });
  });

  it('is stored, and recomputed only when its inputs change', async () => {
    const first = await summariseQuestion(h.deps, seeded.open);
    expect(first.reused).toBe(false);
    expect((await summariseQuestion(h.deps, seeded.open)).reused).toBe(true);
    const stored = await h.store.summaries.latest(seeded.open.id, 'themes');
    expect((stored?.content as QuestionSummary | undefined)?.themes?.themes.length).toBe(3);

    const quoted = first.summary.themes?.themes[0]?.quotes[0]?.responseId as string;
    await h.store.responses.markDeleted(quoted, h.clock.now());
    const after = await summariseQuestion(h.deps, seeded.open);
    expect(after.reused).toBe(false);
    expect(after.summary.themes?.themes.flatMap((t) => t.quotes.map((q) => q.responseId))).not.toContain(quoted);
  });

  it('shows positions in the digest: opinion map, groups, common ground, themes, and how they moved in a week', async () => {
    await summariseQuestion(h.deps, seeded.statements);
    h.clock.advance(8 * DAY);
    await voteInCamps(h, 6, 'late');
    const digest = await buildDigest(h.deps, 'staff-voice');
    const statements = digest.questions.find((q) => q.key === 'q-statements')?.positions;
    expect(statements?.opinionGroups?.status).toBe('grouped');
    expect(statements?.movement?.some((line) => /grew from 10 to 13 people/.test(line))).toBe(true);
    const open = digest.questions.find((q) => q.key === 'q-open')?.positions;
    expect(open?.items.map((i) => i.support)).toEqual([4, 4, 4]);
    expect(open?.items[0]?.quotes[0]?.link).toMatch(/^https:\/\/slack\.example\/T1\/CSTAFF\//);
    const html = renderHtml(digest);
    expect(html).toMatch(/<svg[^>]+aria-label="Opinion map: 27 voters in 2 groups"/);
    expect(html).toContain('Common ground');
    expect(renderMarkdown(digest)).toContain('#### Themes');
  });

  it("keeps an older week's digest positions as they were, less any answer deleted since", async () => {
    const then = await buildDigest(h.deps, 'staff-voice');
    const quoted = then.questions.find((q) => q.key === 'q-open')?.positions?.items[0]?.quotes[0]?.responseId;
    h.clock.advance(15 * DAY);
    await voteInCamps(h, 6, 'late');
    await h.store.responses.markDeleted(quoted as string, h.clock.now());
    const sizes = (digest: typeof then) =>
      digest.questions.find((q) => q.key === 'q-statements')?.positions?.opinionGroups?.groups.map((g) => g.size);
    const again = await buildDigest(h.deps, 'staff-voice', then.week.label);
    expect(sizes(again)).toEqual([10, 10]);
    const quotes = again.questions.find((q) => q.key === 'q-open')?.positions?.items.flatMap((i) => i.quotes) ?? [];
    expect(quotes.length).toBeGreaterThan(0);
    expect(quotes.map((q) => q.responseId)).not.toContain(quoted);
    expect(sizes(await buildDigest(h.deps, 'staff-voice'))).toEqual([13, 13]);
  });

  it('tells a participant privately where they stand: their group, what they share with it, where they differ, the common ground', async () => {
    const registry = createCommandRegistry(null);
    const ask = (who: string, text: string) =>
      runCommand(h.deps, registry, {
        actor: h.person(who),
        actorIsOrganiser: false,
        text,
        channel: null,
        invocationId: `i-${who}-${text}`,
      }).then(
        (reply) => reply,
        (error: unknown) => ({ text: messageForUser(error), visibility: 'private' }),
      );
    const placed = await ask('v0', 'positions staff-voice/q-statements me');
    expect(placed.visibility).toBe('private');
    expect(placed.text).toMatch(/^Where you stand on "/);
    expect(placed.text).toMatch(/Your votes are closest to Group [AB] \(10 people; 2 groups in all\)/);
    expect(placed.text).toMatch(/You and most of Group [AB] (agreed|disagreed): "/);
    expect(placed.text).toMatch(/Most of Group [AB] (agreed|disagreed) with "[^"]+"; you (agreed|disagreed)\./);
    expect(placed.text).toContain('Most people agreed: "Cover should be shared fairly" (you too)');
    expect(placed.text).toContain('Only you see this.');
    // The two camps are told they are in different groups.
    const other = await ask('v1', 'positions staff-voice/q-statements me');
    const groupOf = (text: string) => /closest to (Group [AB])/.exec(text)?.[1];
    expect(groupOf(other.text)).toBeDefined();
    expect(groupOf(other.text)).not.toBe(groupOf(placed.text));
    // Nobody else is named.
    for (const name of ['v1', 'v2', 'a1']) expect(placed.text).not.toContain(h.person(name).displayName ?? name);

    const newcomer = await ask('someone-new', 'positions staff-voice/q-statements me');
    expect(newcomer.text).toMatch(
      /You have voted on 0 statements\. Vote on \d+ more statements and you will be placed/,
    );
    const open = await ask('v0', 'positions staff-voice/q-open me');
    expect(open.text).toMatch(/is not an agree\/disagree question/);
  });

  it('answers /agora positions for organisers, and for participants only where the programme allows', async () => {
    const registry = createCommandRegistry(null);
    const ask = (text: string, organiser: boolean) =>
      runCommand(h.deps, registry, {
        actor: h.person(organiser ? 'org' : 'a1'),
        actorIsOrganiser: organiser,
        text,
        channel: null,
        invocationId: `i-${text}-${organiser}`,
      }).then(
        (reply) => reply.text,
        (error: unknown) => messageForUser(error),
      );
    const groups = await ask('positions staff-voice/q-statements', true);
    expect(groups).toContain('Group A (10 people)');
    expect(groups).toContain('Common ground');
    const themes = await ask('positions q-open', false);
    expect(themes).toContain('Themes');
    expect(themes).toMatch(/https:\/\/slack\.example\/T1\/CSTAFF\//);
    // Answers given privately are quoted to organisers only.
    await h.store.db.response.updateMany({ where: { body: { contains: 'ehaviour' } }, data: { private: true } });
    const behaviour = /ehaviour (in corridors|policy|management|at lunchtime)/;
    expect(await ask('positions q-open', true)).toMatch(behaviour);
    const forParticipants = await ask('positions q-open', false);
    expect(forParticipants).toContain('Behaviour (4 people)');
    expect(forParticipants).not.toMatch(behaviour);
    expect(await ask('positions q-single', true)).toMatch(/is a poll: it has results rather than positions/);

    const closed = await coreHarness({ participants_see_positions: false });
    try {
      await seedSummaries(closed);
      const reply = await runCommand(closed.deps, createCommandRegistry(null), {
        actor: closed.person('a1'),
        actorIsOrganiser: false,
        text: 'positions q-open',
        channel: null,
        invocationId: 'i-closed',
      }).catch((error: unknown) => ({ text: messageForUser(error) }));
      expect(reply.text).toMatch(/only organisers see the positions/);
    } finally {
      await closed.close();
    }
  });

  it('prints positions from the command line, as text or as the JSON the digest uses', async () => {
    const json = await runAgoraCli(['positions', 'question', 'staff-voice/q-statements', '--json'], {
      DATABASE_URL: h.databaseUrl,
    });
    expect(json.code).toBe(0);
    const positions = digestModelSchema.shape.questions.element.shape.positions.unwrap().parse(JSON.parse(json.output));
    expect(positions.opinionGroups?.groups.map((g) => g.size)).toEqual([10, 10]);
    const text = await runAgoraCli(['positions', 'question', 'q-open'], { DATABASE_URL: h.databaseUrl });
    expect(text.output).toContain('Themes:');
    const wrong = await runAgoraCli(['positions', 'question', 'q-single'], { DATABASE_URL: h.databaseUrl });
    expect(wrong.code).toBe(2);
    expect(wrong.output).toContain('is a poll');
  }, 60_000);
});
