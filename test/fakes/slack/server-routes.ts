import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { CallLog } from './call-log.ts';
import type { FileStore } from './file-store.ts';
import { parseBody, readBody } from './request-body.ts';
import type { ResponseUrls } from './response-urls.ts';
import { answerWebApi, type WebApiDeps } from './web-api.ts';

export interface RouteDeps {
  webApi: WebApiDeps;
  responseUrls: ResponseUrls;
  files: FileStore;
  log: CallLog;
}

/** The fake's HTTP surface: the Web API, the response_urls and upload URLs it hands out, and file downloads. */
export function routes(deps: RouteDeps): RequestListener {
  return (request, response) => {
    route(request, response, deps).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(String(error));
    });
  };
}

async function route(request: IncomingMessage, response: ServerResponse, deps: RouteDeps): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://fake');
  const [, area, ...rest] = url.pathname.split('/');
  const name = rest.join('/');
  if (area === 'api' && name !== '') return answerWebApi(name, request, response, deps.webApi);
  if (area === 'response' && request.method === 'POST') return answerResponseUrl(name, request, response, deps);
  if (area === 'upload' && request.method === 'POST') return receiveUpload(name, request, response, deps);
  if (area === 'files-pri' && request.method === 'GET') return serveFile(url.pathname, request, response, deps);
  response.writeHead(404, { 'content-type': 'text/plain' }).end('not_found');
}

async function answerResponseUrl(id: string, request: IncomingMessage, response: ServerResponse, deps: RouteDeps) {
  const { args } = await parseBody(request.headers['content-type'], await readBody(request));
  const reply = deps.responseUrls.respond(id, args);
  deps.log.record({
    method: 'response_url',
    url: `${request.headers.host ?? ''}${request.url ?? ''}`,
    args,
    at: Date.now(),
    status: reply.status,
    response: reply.body,
  });
  response.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body));
}

async function receiveUpload(path: string, request: IncomingMessage, response: ServerResponse, deps: RouteDeps) {
  const fileId = path.replace(/^v1\//, '');
  const { uploads } = await parseBody(request.headers['content-type'], await readBody(request));
  const bytes = uploads[0]?.bytes ?? Buffer.alloc(0);
  const received = deps.files.receive(fileId, bytes);
  const status = received ? 200 : 404;
  const body = received ? `OK - ${bytes.length}` : 'file_not_found';
  deps.log.record({
    method: 'file_upload',
    args: { file_id: fileId, size: bytes.length },
    at: Date.now(),
    status,
    response: body,
  });
  response.writeHead(status, { 'content-type': 'text/plain' }).end(body);
}

function serveFile(path: string, request: IncomingMessage, response: ServerResponse, deps: RouteDeps): void {
  const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  if (!token || deps.webApi.state.tokens.kindOf(token) !== 'bot') {
    response.writeHead(403, { 'content-type': 'text/plain' }).end('forbidden');
    return;
  }
  const content = deps.files.contentAt(path);
  if (!content) response.writeHead(404, { 'content-type': 'text/plain' }).end('not_found');
  else response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(content);
}
