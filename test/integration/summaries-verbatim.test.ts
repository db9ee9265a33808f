import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenAiSummaryWriter } from '../../adapters/llm/openai-summary-writer.ts';
import { runCommand } from '../../src/core/commands/command-registry.ts';
import { createCommandRegistry } from '../../src/core/commands/default-commands.ts';
import { buildDigest } from '../../src/core/digest/build-digest.ts';
import type { DigestModel, DigestQuote } from '../../src/core/digest/model.ts';
import type { QuestionSummary } from '../../src/core/summaries/model.ts';
import { type SummaryDeps, summariseQuestion } from '../../src/core/summaries/summarise-question.ts';
import {
  type FakeChatCompletions,
  INVENTED_QUOTE,
  startFakeChatCompletions,
} from '../fakes/llm/fake-chat-completions.ts';
import { coreHarness } from '../support/core-harness.ts';
import { type SummaryHarness, seedSummaries } from '../support/summary-fixture.ts';
import { expectStoredSummariesVerbatim } from '../support/verbatim-summaries.ts';

/**
 * Every quote in every summary must be a verbatim part of a stored response that has not been deleted. This runs
 * every producer of summaries (opinion groups, themes, a faithful and an inventing language model, a response
 * deleted after it was quoted, the digest and the chat command), then checks every stored summary and every quote
 * the digests show against the Response table.
 */
describe('quotes in summaries are verbatim', () => {
  let h: SummaryHarness;
  let llm: FakeChatCompletions;
  const digests: DigestModel[] = [];
  const replies: string[] = [];

  beforeAll(async () => {
    h = await coreHarness();
    llm = await startFakeChatCompletions();
    const { open, statements, responseIds } = await seedSummaries(h);
    const writer = new OpenAiSummaryWriter({ baseUrl: llm.baseUrl, model: 'fake-model' });
    const withWriter: SummaryDeps = { ...h.deps, summaryWriter: writer, summaryWriterTimeoutMs: 5000 };

    await summariseQuestion(h.deps, statements);
    await summariseQuestion(h.deps, open);
    llm.mode = 'faithful';
    await summariseQuestion(withWriter, open);
    digests.push(await buildDigest(withWriter, 'staff-voice'));
    await h.store.responses.markDeleted(responseIds.get('a5') as string, h.clock.now());
    llm.mode = 'inventing';
    await summariseQuestion(withWriter, open);
    digests.push(await buildDigest(withWriter, 'staff-voice'));
    const registry = createCommandRegistry(null, { summaryWriter: writer });
    for (const key of ['q-open', 'q-statements'])
      replies.push(
        (
          await runCommand(h.deps, registry, {
            actor: h.person('org'),
            actorIsOrganiser: true,
            text: `positions ${key}`,
            channel: null,
            invocationId: `verbatim-${key}`,
          })
        ).text,
      );
  }, 60_000);

  afterAll(async () => {
    await llm.stop();
    await h.close();
  });

  const liveBodies = async () => {
    const rows = await h.store.db.response.findMany({ where: { deletedAt: null } });
    return new Map(rows.map((r) => [r.id, r.body]));
  };

  it('holds for every summary stored, and the current ones quote only live responses', async () => {
    const summaries = await h.store.db.summary.findMany();
    expect(summaries.map((s) => s.method).sort()).toEqual(['opinion-groups', 'themes', 'themes', 'themes']);
    expect(summaries.filter((s) => (s.content as unknown as QuestionSummary).written)).toHaveLength(2);
    expect(await expectStoredSummariesVerbatim(h.store)).toBeGreaterThan(10);
  });

  it('holds for every quote a digest shows, and the made-up ones were dropped and reported', async () => {
    const bodies = await liveBodies();
    const last = digests.at(-1) as DigestModel;
    const quotes: DigestQuote[] = last.questions.flatMap((q) => [
      ...(q.positions?.items.flatMap((i) => i.quotes) ?? []),
      ...(q.positions?.written?.points.flatMap((p) => p.quotes) ?? []),
    ]);
    expect(quotes.length).toBeGreaterThan(3);
    for (const quote of quotes) {
      const text = quote.truncated ? quote.text.slice(0, -1) : quote.text;
      expect(bodies.get(quote.responseId as string), text).toContain(text);
    }
    const written = last.questions.find((q) => q.key === 'q-open')?.positions?.written;
    expect(written?.dropped).toBeGreaterThan(0);
    expect(JSON.stringify(last)).not.toContain(INVENTED_QUOTE);
  });

  it('holds for what the chat command shows', async () => {
    const bodies = [...(await liveBodies()).values()];
    const quoted = replies.flatMap((reply) => [...reply.matchAll(/^ {4}"(.+)" — /gm)].map((m) => m[1] as string));
    expect(quoted.length).toBeGreaterThan(3);
    for (const text of quoted)
      expect(
        bodies.some((body) => body.replace(/\s+/g, ' ').includes(text)),
        text,
      ).toBe(true);
    expect(replies.join('\n')).not.toContain(INVENTED_QUOTE);
  });

  it('shows a written summary to participants only when no private answer went into it', async () => {
    const writer = new OpenAiSummaryWriter({ baseUrl: llm.baseUrl, model: 'fake-model' });
    const registry = createCommandRegistry(null, { summaryWriter: writer });
    const ask = async (organiser: boolean) =>
      (
        await runCommand(h.deps, registry, {
          actor: h.person(organiser ? 'org' : 'a2'),
          actorIsOrganiser: organiser,
          text: 'positions q-open',
          channel: null,
          invocationId: `written-${organiser}`,
        })
      ).text;
    llm.mode = 'faithful';
    expect(await ask(false)).toContain('Summary written by a language model');
    await h.store.db.response.updateMany({ where: { body: { contains: 'triple marking' } }, data: { private: true } });
    expect(await ask(true)).toContain('Summary written by a language model');
    expect(await ask(false)).not.toContain('Summary written by a language model');
  });

  it('tries a failed written summary again next time, rather than keeping the fallback', async () => {
    const open = h.question('q-open');
    const writer = new OpenAiSummaryWriter({ baseUrl: llm.baseUrl, model: 'fake-model' });
    const withWriter: SummaryDeps = { ...h.deps, summaryWriter: writer, summaryWriterTimeoutMs: 5000 };
    await h.store.db.response.updateMany({
      where: { body: { contains: 'weekend' } },
      data: { body: 'Marking takes my whole weekend.' },
    });
    llm.mode = 'error';
    const failed = await summariseQuestion(withWriter, open);
    expect(failed.summary.written).toBeNull();
    expect(failed.summary.writtenFallback).toBe('failed');
    llm.mode = 'faithful';
    const again = await summariseQuestion(withWriter, open);
    expect(again.reused).toBe(false);
    expect(again.summary.written?.points.length).toBeGreaterThan(0);
    expect((await summariseQuestion(withWriter, open)).reused).toBe(true);
  });
});
