import { expect } from 'vitest';
import type { PrismaStore } from '../../adapters/prisma/prisma-store.ts';
import { type QuestionSummary, quotesOf } from '../../src/core/summaries/model.ts';

/**
 * Asserts that every summary in the store quotes stored responses verbatim, and that the current summary of each
 * question quotes only responses that are still there. Every test that produces summaries calls it at its end.
 */
export async function expectStoredSummariesVerbatim(store: PrismaStore): Promise<number> {
  const rows = await store.db.response.findMany();
  const everything = new Map(rows.map((r) => [r.id, r.body]));
  const live = new Map(rows.filter((r) => !r.deletedAt).map((r) => [r.id, r.body]));
  let checked = 0;
  for (const row of await store.db.summary.findMany()) {
    const current = (await store.summaries.latest(row.questionId, row.method))?.id === row.id;
    for (const quote of quotesOf(row.content as unknown as QuestionSummary)) {
      expect((current ? live : everything).get(quote.responseId), quote.text).toContain(quote.text);
      checked++;
    }
  }
  return checked;
}
