import { z } from 'zod';
import type { SummaryRequest, SummaryWriter, WrittenSummary } from '../../src/core/ports/summary-writer.ts';
import { SummaryWriterError } from '../../src/core/summaries/llm-summary.ts';
import { summaryPrompt } from './summary-prompt.ts';

export interface OpenAiSummaryWriterOptions {
  /** The endpoint's base, e.g. https://api.openai.com/v1; `/chat/completions` is appended. */
  baseUrl: string;
  apiKey?: string | undefined;
  model: string;
  /** How much response text the prompt may carry; the rest is left out, and the prompt says so. */
  maxResponseChars?: number;
}

const completionSchema = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string() }) })).min(1),
});

const summarySchema = z.object({
  overview: z.string(),
  points: z.array(
    z.object({
      text: z.string(),
      quotes: z.array(z.object({ responseId: z.string(), text: z.string() })),
    }),
  ),
});

/** A SummaryWriter for any OpenAI-compatible chat-completions endpoint (OpenAI, llama.cpp, vLLM, Ollama…). */
export class OpenAiSummaryWriter implements SummaryWriter {
  readonly method: string;
  private readonly url: string;

  constructor(private readonly options: OpenAiSummaryWriterOptions) {
    this.method = `llm:${options.model}`;
    this.url = `${options.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  }

  async write(request: SummaryRequest, signal: AbortSignal): Promise<WrittenSummary> {
    const response = await fetch(this.url, {
      method: 'POST',
      signal,
      headers: {
        'content-type': 'application/json',
        ...(this.options.apiKey ? { authorization: `Bearer ${this.options.apiKey}` } : {}),
      },
      body: JSON.stringify({
        model: this.options.model,
        temperature: 0,
        response_format: { type: 'json_object' },
        messages: summaryPrompt(request, this.options.maxResponseChars ?? 24_000),
      }),
    });
    const body = await response.text();
    if (!response.ok) {
      throw new SummaryWriterError('LLM_HTTP_ERROR', `The summary endpoint answered ${response.status}.`, {
        status: response.status,
        body: body.slice(0, 300),
      });
    }
    return parseSummary(body);
  }
}

function parseSummary(body: string): WrittenSummary {
  const completion = completionSchema.safeParse(parseJson(body));
  if (!completion.success) throw malformed('not a chat completion', body, completion.error);
  const content = completion.data.choices[0]?.message.content ?? '';
  const summary = summarySchema.safeParse(parseJson(content));
  if (!summary.success) throw malformed('not the summary JSON asked for', content, summary.error);
  return summary.data;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Says what was wrong without logging the text, which may quote participants. */
function malformed(what: string, text: string, error: z.ZodError): SummaryWriterError {
  return new SummaryWriterError('LLM_MALFORMED', `The summary endpoint's answer is ${what}.`, {
    length: text.length,
    issues: error.issues.slice(0, 5).map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
  });
}
