/**
 * Every quote a summary shows must be a verbatim part of a stored response that is still there. Summaries built
 * here quote by construction; anything written elsewhere (a language model) is checked with this before use.
 */
export interface CitedQuote {
  responseId: string;
  text: string;
}

export interface QuoteSource {
  id: string;
  body: string;
  deletedAt: Date | null;
}

type QuoteCheck = { ok: true } | { ok: false; reason: 'unknown-response' | 'deleted' | 'not-verbatim' | 'empty' };

function checkQuote(quote: CitedQuote, sources: ReadonlyMap<string, QuoteSource>): QuoteCheck {
  if (quote.text.trim() === '') return { ok: false, reason: 'empty' };
  const source = sources.get(quote.responseId);
  if (!source) return { ok: false, reason: 'unknown-response' };
  if (source.deletedAt) return { ok: false, reason: 'deleted' };
  return source.body.includes(quote.text) ? { ok: true } : { ok: false, reason: 'not-verbatim' };
}

/** Splits quotes into those that may be shown and those dropped, with why. */
export function verifyQuotes<Q extends CitedQuote>(
  quotes: readonly Q[],
  sources: ReadonlyMap<string, QuoteSource>,
): { kept: Q[]; dropped: (Q & { reason: string })[] } {
  const kept: Q[] = [];
  const dropped: (Q & { reason: string })[] = [];
  for (const quote of quotes) {
    const check = checkQuote(quote, sources);
    if (check.ok) kept.push(quote);
    else dropped.push({ ...quote, reason: check.reason });
  }
  return { kept, dropped };
}
