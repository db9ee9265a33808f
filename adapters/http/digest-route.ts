import { createHash, timingSafeEqual } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { isAgoraError } from '../../src/core/errors.ts';
import type { RouteHandler } from './server.ts';

/**
 * `GET /api/programmes/:slug/digests/:week.:format[?file=NAME]` for organisers' tools, with
 * `Authorization: Bearer ORGANISER_API_TOKEN`. `week` is an ISO week (2026-W48) or `current`; `format` one of the
 * export formats; several-file formats (csv, polis) send their first file unless `file` names another
 * (`?file=votes.csv`). 401 without the right token (compared in constant time), 404 naming the valid values for an
 * unknown programme, week, format or file. The export itself is built by the function given, so this route needs
 * no store.
 */

export const DIGEST_ROUTE_PREFIX = '/api/programmes';

export interface ExportedFile {
  name: string;
  mediaType: string;
  chunks: AsyncIterable<string | Uint8Array>;
}

export interface DigestRouteOptions {
  /** ORGANISER_API_TOKEN; when unset every request is refused. */
  token: string | undefined;
  exportFile(request: { programme: string; week?: string; format: string; file?: string }): Promise<ExportedFile>;
}

const PATH = /^\/api\/programmes\/([^/]+)\/digests\/([^/]+)\.([A-Za-z0-9]+)$/;
const NOT_FOUND_CODES = new Set(['PROGRAMME_NOT_FOUND', 'NOT_FOUND', 'QUESTION_NOT_FOUND']);
const INLINE = /^(text\/html|text\/markdown|application\/json)/;

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res
    .writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      ...headers,
    })
    .end(JSON.stringify(body));
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** Constant-time comparison of a presented bearer token with the configured one. */
export function tokenMatches(header: string | undefined, token: string | undefined): boolean {
  if (!token) return false;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  // Hashing first gives equal lengths, so neither the length nor the content leaks through timing.
  return timingSafeEqual(digest(match?.[1] ?? ''), digest(token)) && match !== null;
}

function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^A-Za-z0-9._-]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

async function send(res: ServerResponse, chunks: AsyncIterable<string | Uint8Array>): Promise<void> {
  for await (const chunk of chunks) {
    if (res.destroyed) return;
    if (!res.write(chunk)) await new Promise<void>((resolve) => res.once('drain', resolve).once('close', resolve));
  }
  res.end();
}

export function digestExportRoute(options: DigestRouteOptions): RouteHandler {
  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      json(res, 405, { error: 'METHOD_NOT_ALLOWED', message: 'Use GET.' }, { allow: 'GET, HEAD' });
      return;
    }
    if (!tokenMatches(req.headers.authorization, options.token)) {
      json(
        res,
        401,
        {
          error: 'UNAUTHORIZED',
          message: options.token
            ? 'Send Authorization: Bearer <ORGANISER_API_TOKEN>.'
            : 'Exports over HTTP are off: set ORGANISER_API_TOKEN on the server.',
        },
        { 'www-authenticate': 'Bearer realm="agora"' },
      );
      return;
    }
    const match = PATH.exec(url.pathname);
    if (!match) {
      json(res, 404, {
        error: 'NOT_FOUND',
        message:
          'Exports are at /api/programmes/SLUG/digests/WEEK.FORMAT, e.g. /api/programmes/staff-voice/digests/2026-W48.html',
      });
      return;
    }
    const [, slug, week, format] = match.map((part) => decodeURIComponent(part ?? '')) as [
      string,
      string,
      string,
      string,
    ];
    try {
      const file = await options.exportFile({
        programme: slug,
        week: week.toLowerCase() === 'current' ? undefined : week,
        format,
        file: url.searchParams.get('file') ?? undefined,
      });
      res.writeHead(200, {
        'content-type': file.mediaType,
        'content-disposition': contentDisposition(INLINE.test(file.mediaType) ? 'inline' : 'attachment', file.name),
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        ...(file.mediaType.startsWith('text/html')
          ? { 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:" }
          : {}),
      });
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      await send(res, file.chunks);
    } catch (error) {
      if (isAgoraError(error) && NOT_FOUND_CODES.has(error.code) && !res.headersSent) {
        json(res, 404, {
          error: error.code,
          message: error.message,
          field: error.details.field ?? null,
          valid: error.details.valid ?? [],
        });
        return;
      }
      throw error;
    }
  };
}
