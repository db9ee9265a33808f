import type { Logger } from '../ports/logger.ts';
import type { SummaryRequest, SummaryWriter, WrittenPoint } from '../ports/summary-writer.ts';
import { type CitedQuote, type QuoteSource, verifyQuotes } from './verify-quotes.ts';

/** What a SummaryWriter throws when the endpoint refused or answered with something that is not a summary. */
export class SummaryWriterError extends Error {
  constructor(
    readonly code: 'LLM_HTTP_ERROR' | 'LLM_MALFORMED',
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'SummaryWriterError';
  }
}

/**
 * A point in the model's own words (`writtenBy` is the method, e.g. `llm:gpt-4o-mini`), with only the quotes that
 * were found verbatim in the record. Renderers label such prose "summary written by a language model; quotes
 * checked against the record".
 */
export interface CheckedPoint extends WrittenPoint {
  writtenBy: string;
}

export interface DroppedQuote extends CitedQuote {
  reason: string;
}

export type FallbackReason = 'timeout' | 'failed' | 'malformed';

export type VerifiedSummary =
  | {
      status: 'written';
      method: string;
      /** The model's prose too, like each point's text. */
      overview: string;
      points: CheckedPoint[];
      dropped: DroppedQuote[];
    }
  | { status: 'fallback'; reason: FallbackReason };

export interface VerifiedSummaryOptions {
  timeoutMs: number;
  logger: Logger;
}

/**
 * Asks the writer for a summary and keeps only what can be shown: quotes not verbatim in a live response are
 * dropped (and reported). A failure, malformed answer or time-out gives a fallback, never an error.
 */
export async function writeVerifiedSummary(
  writer: SummaryWriter,
  request: SummaryRequest,
  sources: ReadonlyMap<string, QuoteSource>,
  { timeoutMs, logger }: VerifiedSummaryOptions,
): Promise<VerifiedSummary> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Raced as well as signalled, so a writer that ignores the signal cannot hold the digest up.
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new Error(`no summary within ${timeoutMs} ms`));
      resolve('timeout');
    }, timeoutMs);
  });
  const context = { method: writer.method, responses: request.responses.length, timeoutMs };
  try {
    const written = await Promise.race([writer.write(request, controller.signal), timedOut]);
    if (written === 'timeout') {
      logger.warn(context, 'Language-model summary timed out; using the extractive summary');
      return { status: 'fallback', reason: 'timeout' };
    }
    const points: CheckedPoint[] = [];
    const dropped: DroppedQuote[] = [];
    for (const point of written.points) {
      const checked = verifyQuotes(point.quotes, sources);
      dropped.push(...checked.dropped);
      if (point.text.trim() === '' && checked.kept.length === 0) continue;
      points.push({ text: point.text, quotes: checked.kept, writtenBy: writer.method });
    }
    logger.info(
      { ...context, points: points.length, droppedQuotes: dropped.length },
      'Language-model summary written; quotes checked against the record',
    );
    return { status: 'written', method: writer.method, overview: written.overview, points, dropped };
  } catch (error) {
    const reason: FallbackReason = controller.signal.aborted
      ? 'timeout'
      : error instanceof SummaryWriterError && error.code === 'LLM_MALFORMED'
        ? 'malformed'
        : 'failed';
    const code = error instanceof SummaryWriterError ? error.code : undefined;
    logger.warn(
      { ...context, reason, code, err: error },
      'Language-model summary failed; using the extractive summary',
    );
    return { status: 'fallback', reason };
  } finally {
    clearTimeout(timer);
  }
}
