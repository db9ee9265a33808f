import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OpenAiSummaryWriter } from '../../adapters/llm/openai-summary-writer.ts';
import { summaryWriterFrom } from '../../src/app/compose/summary-writer-from-config.ts';
import { readConfig } from '../../src/app/config.ts';
import type { SummaryRequest } from '../../src/core/ports/summary-writer.ts';
import { writeVerifiedSummary } from '../../src/core/summaries/llm-summary.ts';
import type { QuoteSource } from '../../src/core/summaries/verify-quotes.ts';
import {
  type FakeChatCompletions,
  INVENTED_QUOTE,
  promptResponses,
  startFakeChatCompletions,
  UNKNOWN_ID,
} from '../fakes/llm/fake-chat-completions.ts';
import { RecordingLogger } from '../support/recording-logger.ts';

const bodies = {
  'resp-1': 'Mentoring new staff takes most of my Fridays and I enjoy it.',
  'resp-2': 'We need fewer meetings and more time to plan lessons together.',
  'resp-3': 'Marking is the part of the week I would most like to share.',
};
const sources = new Map<string, QuoteSource>(
  Object.entries(bodies).map(([id, body]) => [id, { id, body, deletedAt: null }]),
);
const request: SummaryRequest = {
  questionPrompt: 'What takes most of your time?',
  responses: Object.entries(bodies).map(([id, text]) => ({ id, text })),
  themes: [{ label: 'Meetings and planning', responseIds: ['resp-2'] }],
};

describe('summaries from an OpenAI-compatible endpoint', () => {
  let llm: FakeChatCompletions;
  let logger: RecordingLogger;

  beforeAll(async () => {
    llm = await startFakeChatCompletions();
  });
  afterAll(async () => {
    await llm.stop();
  });
  beforeEach(() => {
    logger = new RecordingLogger();
    llm.requests.length = 0;
  });

  const summarise = (timeoutMs = 5000, apiKey: string | null = 'sk-test-key') =>
    writeVerifiedSummary(
      new OpenAiSummaryWriter({ baseUrl: llm.baseUrl, apiKey: apiKey ?? undefined, model: 'tiny-model' }),
      request,
      sources,
      { timeoutMs, logger },
    );

  it('sends the model, the bearer key, the question, the themes and every response by id', async () => {
    llm.mode = 'faithful';
    await summarise();
    const [sent] = llm.requests;
    expect(sent?.authorization).toBe('Bearer sk-test-key');
    expect(sent?.body).toMatchObject({ model: 'tiny-model', temperature: 0, response_format: { type: 'json_object' } });
    expect(promptResponses(sent?.body.messages ?? [])).toEqual(request.responses);
    const user = sent?.body.messages.find((m) => m.role === 'user')?.content;
    expect(user).toContain('What takes most of your time?');
    expect(user).toContain('- Meetings and planning (1 responses; shown: resp-2)');
  });

  it('sends no authorization header when there is no key', async () => {
    llm.mode = 'faithful';
    await summarise(5000, null);
    expect(llm.requests[0]?.authorization).toBeUndefined();
  });

  it('keeps a faithful summary whole', async () => {
    llm.mode = 'faithful';
    const result = await summarise();
    if (result.status !== 'written') throw new Error(`expected a summary, got ${result.reason}`);
    expect(result.method).toBe('llm:tiny-model');
    expect(result.dropped).toEqual([]);
    expect(result.points).toHaveLength(3);
    expect(result.points[0]).toEqual({
      text: 'Some say: Mentoring new staff takes most',
      quotes: [{ responseId: 'resp-1', text: 'Mentoring new staff takes most' }],
      writtenBy: 'llm:tiny-model',
    });
  });

  it('drops invented, misattributed and altered quotes and says why', async () => {
    llm.mode = 'inventing';
    const result = await summarise();
    if (result.status !== 'written') throw new Error(`expected a summary, got ${result.reason}`);
    expect(result.points.map((p) => [p.text, p.quotes.length])).toEqual([
      ['Some say: Mentoring new staff takes most', 1],
      ['A consensus emerged.', 0],
      ['Some were unsure.', 0],
    ]);
    expect(result.dropped).toEqual([
      { responseId: 'resp-1', text: INVENTED_QUOTE, reason: 'not-verbatim' },
      { responseId: UNKNOWN_ID, text: 'Mentoring new staff takes most', reason: 'unknown-response' },
      { responseId: 'resp-1', text: 'mentoring new staff takes most', reason: 'not-verbatim' },
    ]);
    expect(logger.lines[0]?.context).toMatchObject({ droppedQuotes: 3 });
  });

  it('falls back when the endpoint is too slow, and cancels the request', async () => {
    llm.mode = 'slow';
    const started = Date.now();
    expect(await summarise(150)).toEqual({ status: 'fallback', reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(llm.requests).toHaveLength(1);
  });

  it('falls back when the answer is not JSON', async () => {
    llm.mode = 'malformed';
    expect(await summarise()).toEqual({ status: 'fallback', reason: 'malformed' });
    expect(logger.lines[0]?.context).toMatchObject({ code: 'LLM_MALFORMED' });
  });

  it('falls back on HTTP 500, logging the status', async () => {
    llm.mode = 'error';
    expect(await summarise()).toEqual({ status: 'fallback', reason: 'failed' });
    expect(logger.lines[0]?.context).toMatchObject({ code: 'LLM_HTTP_ERROR', err: { details: { status: 500 } } });
  });

  it('falls back when nothing listens at the URL', async () => {
    const writer = new OpenAiSummaryWriter({ baseUrl: 'http://127.0.0.1:9/v1', model: 'tiny-model' });
    expect(await writeVerifiedSummary(writer, request, sources, { timeoutMs: 5000, logger })).toEqual({
      status: 'fallback',
      reason: 'failed',
    });
  });

  it('says in the prompt when responses were left out to keep it short', async () => {
    llm.mode = 'faithful';
    const writer = new OpenAiSummaryWriter({ baseUrl: llm.baseUrl, model: 'tiny-model', maxResponseChars: 160 });
    await writeVerifiedSummary(writer, request, sources, { timeoutMs: 5000, logger });
    const messages = llm.requests[0]?.body.messages ?? [];
    expect(promptResponses(messages).map((r) => r.id)).toEqual(['resp-1', 'resp-2']);
    expect(messages.find((m) => m.role === 'user')?.content).toContain('2 of 3 shown');
  });
});

describe('summaryWriterFrom', () => {
  it('is off unless LLM_BASE_URL is set', () => {
    expect(summaryWriterFrom(readConfig({}))).toBeNull();
  });

  it('writes with the configured model, gpt-4o-mini by default', () => {
    expect(summaryWriterFrom(readConfig({ LLM_BASE_URL: 'http://127.0.0.1:1/v1' }))?.method).toBe('llm:gpt-4o-mini');
    expect(
      summaryWriterFrom(readConfig({ LLM_BASE_URL: 'http://127.0.0.1:1/v1', LLM_MODEL: 'qwen2.5:7b' }))?.method,
    ).toBe('llm:qwen2.5:7b');
  });
});
