import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An OpenAI-compatible chat-completions endpoint on 127.0.0.1 that behaves like the models summaries must survive:
 * - faithful: quotes are exact parts of the responses it was given (read back from the prompt's `[id] text` lines);
 * - inventing: besides one faithful quote, it makes one up, cites an unknown id and alters a real one slightly;
 * - slow: never answers (until the client gives up or the fake stops);
 * - malformed: the message content is not JSON;
 * - error: HTTP 500.
 */
export type FakeLlmMode = 'faithful' | 'inventing' | 'slow' | 'malformed' | 'error';

export interface ReceivedRequest {
  authorization: string | undefined;
  body: {
    model: string;
    temperature: number;
    response_format: { type: string };
    messages: { role: string; content: string }[];
  };
}

export interface PromptResponse {
  id: string;
  text: string;
}

export const UNKNOWN_ID = 'r-not-in-the-record';
export const INVENTED_QUOTE = 'Everyone agreed that the budget should double.';

export class FakeChatCompletions {
  mode: FakeLlmMode = 'faithful';
  readonly requests: ReceivedRequest[] = [];
  /** http://127.0.0.1:<port>/v1, to use as LLM_BASE_URL. */
  readonly baseUrl: string;

  constructor(private readonly server: Server) {
    this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
      res.writeHead(404).end();
      return;
    }
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const body = JSON.parse(raw) as ReceivedRequest['body'];
    this.requests.push({ authorization: req.headers.authorization, body });
    if (this.mode === 'slow') return;
    if (this.mode === 'error') {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'The server had an error while processing your request.' } }));
      return;
    }
    const content =
      this.mode === 'malformed'
        ? 'Here is a summary: people broadly agree.'
        : JSON.stringify(summaryOf(promptResponses(body.messages), this.mode === 'inventing'));
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        id: 'chatcmpl-fake',
        model: body.model,
        choices: [{ index: 0, message: { role: 'assistant', content } }],
      }),
    );
  }
}

/** The `[id] text` lines of the prompt's user message. */
export function promptResponses(messages: { role: string; content: string }[]): PromptResponse[] {
  const user = messages.find((m) => m.role === 'user')?.content ?? '';
  return [...user.matchAll(/^\[([^\]]+)\] (.*)$/gm)].map((m) => ({ id: m[1] as string, text: m[2] as string }));
}

/** The first few words of a response: an exact part of it. */
const opening = (text: string) => text.split(' ').slice(0, 5).join(' ');

/** A near miss: the same words with the first letter's case changed. */
const flipFirstLetter = (text: string) => {
  const first = text.charAt(0);
  const flipped = first === first.toUpperCase() ? first.toLowerCase() : first.toUpperCase();
  return flipped + text.slice(1);
};

function summaryOf(responses: PromptResponse[], inventing: boolean) {
  const faithful = responses.slice(0, 3).map((r) => ({
    text: `Some say: ${opening(r.text)}`,
    quotes: [{ responseId: r.id, text: opening(r.text) }],
  }));
  if (!inventing) return { overview: `There are ${responses.length} responses.`, points: faithful };
  const first = responses[0] ?? { id: 'r-none', text: 'nothing' };
  return {
    overview: 'Views differ.',
    points: [
      faithful[0],
      { text: 'A consensus emerged.', quotes: [{ responseId: first.id, text: INVENTED_QUOTE }] },
      { text: '', quotes: [{ responseId: UNKNOWN_ID, text: opening(first.text) }] },
      { text: 'Some were unsure.', quotes: [{ responseId: first.id, text: flipFirstLetter(opening(first.text)) }] },
    ],
  };
}

export async function startFakeChatCompletions(): Promise<FakeChatCompletions> {
  let fake: FakeChatCompletions | undefined;
  const server = createServer((req, res) => {
    fake?.handle(req, res).catch(() => res.writeHead(400).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake = new FakeChatCompletions(server);
  return fake;
}
