import type { WrittenAnswer } from '../ports/reporting.ts';
import { computeThemes } from '../themes/compute-themes.ts';
import type { SummaryQuote, ThemesPart } from './model.ts';
import type { QuoteSource } from './verify-quotes.ts';
import { verifyQuotes } from './verify-quotes.ts';

/** Themes with fewer people than this are folded into "other". */
export const THEME_MIN_PEOPLE = 3;

export interface ComparedAnswers {
  tabulate(people: ReadonlySet<string>): ThemesPart['themes'][number]['crossTab'];
}

export function summaryQuote(response: WrittenAnswer, text: string): SummaryQuote {
  return {
    responseId: response.id,
    text,
    participantId: response.participantId,
    messageRef: response.messageRef,
    private: response.private,
    at: response.createdAt.toISOString(),
  };
}

/**
 * Themes of the live responses to an open question (as the store reads them, deleted ones already left out), each
 * with verified verbatim quotes and its cross-tab.
 */
export function themesPart(
  live: readonly WrittenAnswer[],
  compared: ComparedAnswers | null,
  minPeople = THEME_MIN_PEOPLE,
): ThemesPart {
  const byId = new Map(live.map((r) => [r.id, r]));
  const sources = new Map<string, QuoteSource>(live.map((r) => [r.id, r]));
  const result = computeThemes(
    live.map((r) => ({ responseId: r.id, participantId: r.participantId, text: r.body })),
    { minPeople, keepModel: true },
  );
  return {
    themes: result.themes.map((theme) => {
      const people = new Set(theme.responseIds.map((id) => byId.get(id)?.participantId ?? ''));
      const { kept } = verifyQuotes(
        theme.representative.map((r) => ({ responseId: r.responseId, text: r.quote })),
        sources,
      );
      return {
        id: theme.id,
        label: theme.label,
        keyPhrases: theme.keyPhrases,
        people: theme.people,
        responses: theme.responseIds.length,
        responseIds: theme.responseIds,
        quotes: kept.map((q) => summaryQuote(byId.get(q.responseId) as WrittenAnswer, q.text)),
        crossTab: compared ? compared.tabulate(people) : null,
      };
    }),
    other: { people: result.other.people, responses: result.other.responseIds.length },
    leftOut: result.leftOut.length,
    leftOutIds: result.leftOut,
    model: result.model ?? null,
  };
}
