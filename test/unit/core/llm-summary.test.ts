import { describe, expect, it } from 'vitest';
import type { SummaryWriter, WrittenSummary } from '../../../src/core/ports/summary-writer.ts';
import { SummaryWriterError, writeVerifiedSummary } from '../../../src/core/summaries/llm-summary.ts';
import type { QuoteSource } from '../../../src/core/summaries/verify-quotes.ts';
import { RecordingLogger } from '../../support/recording-logger.ts';

const sources = new Map<string, QuoteSource>([
  ['r1', { id: 'r1', body: 'Mentoring new staff takes most of my Fridays.', deletedAt: null }],
  ['r2', { id: 'r2', body: 'We need fewer meetings and more planning time.', deletedAt: null }],
  ['r3', { id: 'r3', body: 'I asked for this to be removed.', deletedAt: new Date('2025-01-01') }],
]);

const request = {
  questionPrompt: 'What takes your time?',
  responses: [...sources.values()].map((s) => ({ id: s.id, text: s.body })),
  themes: [{ label: 'Meetings', responseIds: ['r2'] }],
};

function writer(write: SummaryWriter['write']): SummaryWriter {
  return { method: 'llm:test-model', write };
}

const answering = (summary: WrittenSummary) => writer(async () => summary);

async function run(w: SummaryWriter, timeoutMs = 1000) {
  const logger = new RecordingLogger();
  const result = await writeVerifiedSummary(w, request, sources, { timeoutMs, logger });
  return { result, logger };
}

describe('a language-model summary, checked against the record', () => {
  it('keeps verbatim quotes and marks the prose as the model’s', async () => {
    const { result } = await run(
      answering({
        overview: 'Time goes to mentoring and meetings.',
        points: [{ text: 'Meetings crowd out planning.', quotes: [{ responseId: 'r2', text: 'fewer meetings' }] }],
      }),
    );
    expect(result).toEqual({
      status: 'written',
      method: 'llm:test-model',
      overview: 'Time goes to mentoring and meetings.',
      points: [
        {
          text: 'Meetings crowd out planning.',
          quotes: [{ responseId: 'r2', text: 'fewer meetings' }],
          writtenBy: 'llm:test-model',
        },
      ],
      dropped: [],
    });
  });

  it('drops invented, altered, unknown and deleted quotes with the reason, and points left empty', async () => {
    const { result } = await run(
      answering({
        overview: 'Mixed.',
        points: [
          {
            text: 'Mentoring is heavy.',
            quotes: [
              { responseId: 'r1', text: 'Mentoring new staff' },
              { responseId: 'r1', text: 'mentoring new staff' },
              { responseId: 'r1', text: 'Everyone loves Fridays' },
            ],
          },
          { text: '', quotes: [{ responseId: 'r9', text: 'fewer meetings' }] },
          { text: 'Someone left.', quotes: [{ responseId: 'r3', text: 'removed' }] },
          { text: ' ', quotes: [{ responseId: 'r2', text: ' ' }] },
        ],
      }),
    );
    if (result.status !== 'written') throw new Error(`expected a summary, got ${result.reason}`);
    expect(result.points.map((p) => [p.text, p.quotes.map((q) => q.text)])).toEqual([
      ['Mentoring is heavy.', ['Mentoring new staff']],
      ['Someone left.', []],
    ]);
    expect(result.dropped).toEqual([
      { responseId: 'r1', text: 'mentoring new staff', reason: 'not-verbatim' },
      { responseId: 'r1', text: 'Everyone loves Fridays', reason: 'not-verbatim' },
      { responseId: 'r9', text: 'fewer meetings', reason: 'unknown-response' },
      { responseId: 'r3', text: 'removed', reason: 'deleted' },
      { responseId: 'r2', text: ' ', reason: 'empty' },
    ]);
  });

  it('falls back on a time-out, aborting the request, even when the writer ignores the signal', async () => {
    let signalled: AbortSignal | undefined;
    const { result, logger } = await run(
      writer((_, signal) => {
        signalled = signal;
        return new Promise(() => {});
      }),
      20,
    );
    expect(result).toEqual({ status: 'fallback', reason: 'timeout' });
    expect(signalled?.aborted).toBe(true);
    expect(logger.lines).toEqual([
      expect.objectContaining({
        level: 'warn',
        context: expect.objectContaining({ method: 'llm:test-model', timeoutMs: 20 }),
      }),
    ]);
  });

  it('falls back on a time-out when the writer gives up on the signal itself', async () => {
    const { result } = await run(
      writer(
        (_, signal) => new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
      ),
      20,
    );
    expect(result).toEqual({ status: 'fallback', reason: 'timeout' });
  });

  it('falls back on a malformed answer, logging its code', async () => {
    const { result, logger } = await run(
      writer(async () => {
        throw new SummaryWriterError('LLM_MALFORMED', 'not JSON');
      }),
    );
    expect(result).toEqual({ status: 'fallback', reason: 'malformed' });
    expect(logger.lines[0]?.context).toMatchObject({ reason: 'malformed', code: 'LLM_MALFORMED', responses: 3 });
  });

  it('falls back on any other failure without throwing', async () => {
    const refused = await run(
      writer(async () => {
        throw new SummaryWriterError('LLM_HTTP_ERROR', 'answered 500', { status: 500 });
      }),
    );
    expect(refused.result).toEqual({ status: 'fallback', reason: 'failed' });
    const broken = await run(
      writer(async () => {
        throw new TypeError('fetch failed');
      }),
    );
    expect(broken.result).toEqual({ status: 'fallback', reason: 'failed' });
    expect(broken.logger.lines[0]?.context.err).toBeInstanceOf(TypeError);
  });
});
