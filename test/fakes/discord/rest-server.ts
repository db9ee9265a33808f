import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CallLog, UploadedFile } from './call-log.ts';
import { DiscordApiError, methodNotAllowed, notFound, unauthorized } from './errors.ts';
import type { RateLimits } from './rate-limits.ts';
import { matchRoute, type RestAnswer, type Route } from './router.ts';
import type { World } from './world.ts';

const apiPrefix = '/api/v10/';

interface RestServer {
  world: World;
  routes: Route[];
  calls: CallLog;
  rateLimits: RateLimits;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** JSON, or multipart/form-data with `payload_json` and `files[n]` parts as @discordjs/rest sends uploads. */
async function parseBody(raw: Buffer, contentType: string): Promise<{ body: unknown; files: UploadedFile[] }> {
  if (contentType.startsWith('multipart/form-data')) {
    const form = await new Request('http://fake.invalid', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: raw,
    }).formData();
    const files: UploadedFile[] = [];
    const fields: Record<string, unknown> = {};
    let body: unknown = fields;
    for (const [field, value] of form.entries()) {
      if (typeof value !== 'string') {
        const bytes = Buffer.from(await value.arrayBuffer());
        files.push({ field, filename: value.name, contentType: value.type || 'application/octet-stream', bytes });
      } else if (field === 'payload_json') body = JSON.parse(value);
      else fields[field] = value;
    }
    return { body, files };
  }
  if (raw.length === 0) return { body: undefined, files: [] };
  try {
    return { body: JSON.parse(raw.toString('utf8')), files: [] };
  } catch {
    throw new DiscordApiError(400, 50109, 'The request body contains invalid JSON.');
  }
}

function send(response: ServerResponse, answer: RestAnswer): void {
  const headers: Record<string, string> = { ...answer.headers };
  if (answer.status === 204 || answer.body === undefined) {
    response.writeHead(answer.status, headers).end();
    return;
  }
  if (Buffer.isBuffer(answer.body)) {
    response.writeHead(answer.status, headers).end(answer.body);
    return;
  }
  headers['Content-Type'] = 'application/json';
  response.writeHead(answer.status, headers).end(JSON.stringify(answer.body));
}

function serveAttachment(world: World, segments: string[], response: ServerResponse): void {
  const file = world.files.get(segments[2] ?? '');
  const answer = file
    ? { status: 200, headers: { 'Content-Type': file.contentType }, body: file.bytes }
    : { status: 404, body: Buffer.from('Not Found') };
  send(response, answer);
}

/** Answers REST calls under /api/v10 and serves uploaded files under /attachments, recording each call. */
export function restHandler(server: RestServer) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const segments = url.pathname.split('/').slice(1).map(decodeURIComponent);
    if (segments[0] === 'attachments') return serveAttachment(server.world, segments, response);

    const method = (request.method ?? 'GET').toUpperCase();
    const path = url.pathname.startsWith(apiPrefix) ? `/${segments.slice(2).join('/')}` : url.pathname;
    const match = url.pathname.startsWith(apiPrefix) ? matchRoute(server.routes, method, segments.slice(2)) : undefined;
    const route = match?.kind === 'found' ? match.route : undefined;
    const params = match?.kind === 'found' ? match.params : {};
    let body: unknown;
    let files: UploadedFile[] = [];
    let answer: RestAnswer;
    try {
      ({ body, files } = await parseBody(await readBody(request), request.headers['content-type'] ?? ''));
      if (!route) throw match?.kind === 'wrong-method' ? methodNotAllowed() : notFound();
      if (route.needsToken !== false && request.headers.authorization !== `Bot ${server.world.token}`) {
        throw unauthorized();
      }
      answer =
        server.rateLimits.take(method, route.pattern) ??
        (await route.handle({
          method,
          path,
          route: route.pattern,
          params,
          query: url.searchParams,
          headers: request.headers,
          body,
          files,
        }));
    } catch (error) {
      if (!(error instanceof DiscordApiError)) console.error('The fake Discord failed to answer', method, path, error);
      answer =
        error instanceof DiscordApiError
          ? { status: error.status, body: error.body() }
          : { status: 500, body: { message: '500: Internal Server Error', code: 0 } };
    }
    send(response, answer);
    server.calls.record({
      method,
      path,
      route: route?.pattern ?? '',
      params,
      query: Object.fromEntries(url.searchParams),
      body,
      files,
      status: answer.status,
      response: answer.body,
      at: Date.now(),
    });
  };
}
