import type { IncomingMessage, ServerResponse } from 'node:http';
import { Activity } from '@microsoft/agents-activity';
import { type AuthConfiguration, authorizeJWT } from '@microsoft/agents-hosting';
import type { Logger } from '../../src/core/ports/logger.ts';
import type { BotReply } from './invoke-answers.ts';

/** Activities are small JSON documents; anything much larger is not one Teams sent. */
const BODY_LIMIT = 512 * 1024;

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > BODY_LIMIT) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const answer = (res: ServerResponse, { status, body }: BotReply) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(body === undefined ? '' : JSON.stringify(body));
};

/** The SDK's token check, run on Node's request: a 401 with its reason when the token is missing or not valid. */
async function authorized(
  check: ReturnType<typeof authorizeJWT>,
  req: IncomingMessage,
  body: Record<string, unknown>,
): Promise<BotReply | null> {
  let refusal: BotReply | null = null;
  let passed = false;
  const shim = {
    status(code: number) {
      refusal = { status: code, body: refusal?.body };
      return shim;
    },
    send(sent?: unknown) {
      refusal = { status: refusal?.status ?? 401, body: sent };
      return shim;
    },
    setHeader: () => shim,
    end: () => shim,
    headersSent: false,
    writableEnded: false,
  };
  await check({ method: req.method, headers: req.headers, body }, shim as never, () => {
    passed = true;
  });
  return passed ? null : (refusal ?? { status: 401, body: { 'jwt-auth-error': 'unauthorized' } });
}

/**
 * POST /api/messages: where the Bot Connector delivers Teams activities. The bearer token is checked by the SDK
 * (signature against Microsoft's published keys, audience = this app) before anything is read; an activity is
 * answered only once what it carries is kept.
 */
export function activityEndpoint(input: {
  auth: AuthConfiguration;
  logger: Logger;
  handle: (activity: Activity) => Promise<BotReply>;
}): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const check = authorizeJWT(input.auth);
  return async (req, res) => {
    if (req.method !== 'POST') return answer(res, { status: 405, body: { error: 'POST activities here' } });
    const raw = await readBody(req);
    if (raw === null) return answer(res, { status: 413, body: { error: 'activity too large' } });
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return answer(res, { status: 400, body: { error: 'the body is not JSON' } });
    }
    const refused = await authorized(check, req, body);
    if (refused) {
      input.logger.warn({ status: refused.status }, 'a Teams activity was refused: its token is missing or not valid');
      return answer(res, refused);
    }
    let activity: Activity;
    try {
      activity = Activity.fromObject(body);
    } catch (error) {
      input.logger.warn({ err: error }, 'a Teams activity could not be read');
      return answer(res, { status: 400, body: { error: 'not an activity' } });
    }
    answer(res, await input.handle(activity));
  };
}
