import type { IncomingMessage, ServerResponse } from 'node:http';
import { escapeHtml } from '../../src/core/digest/format-escaping.ts';
import type { RouteHandler } from './server.ts';

/**
 * `/email/unsubscribe?t=TOKEN`: the link in a reader's digest e-mail. GET shows what the link does and a button
 * (mail scanners open links, so a GET changes nothing); POST unsubscribes, from that button or from a mail
 * client's one-click unsubscribe (RFC 8058 posts `List-Unsubscribe=One-Click` to the same address). A token that
 * is forged, altered or for a programme that is gone: 400, nothing stored.
 */

export const UNSUBSCRIBE_PATH = '/email/unsubscribe';

export interface UnsubscribeRouteOptions {
  /** Whom a token names, or null when it is not good. */
  target(token: string): Promise<{ programmeTitle: string; email: string } | null>;
  /** Unsubscribes the token's reader; null when it is not good. */
  unsubscribe(token: string): Promise<{ programmeTitle: string; email: string; already: boolean } | null>;
}

function page(res: ServerResponse, status: number, title: string, body: string): void {
  res
    .writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
      'referrer-policy': 'no-referrer',
    })
    .end(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5}button{font-size:1rem;padding:.5rem 1rem}</style></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`,
    );
}

const invalid = (res: ServerResponse) =>
  page(
    res,
    400,
    'This unsubscribe link is not valid',
    '<p>The link may have been cut short or changed. Use the link from the latest digest e-mail, or ask the organisers to take you off the list.</p>',
  );

async function readBody(req: IncomingMessage, limit = 4096): Promise<string> {
  let body = '';
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > limit) break;
  }
  return body;
}

export function unsubscribeRoute(options: UnsubscribeRouteOptions): RouteHandler {
  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== UNSUBSCRIBE_PATH) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    if (req.method === 'POST') {
      const form = new URLSearchParams(await readBody(req));
      const token = url.searchParams.get('t') ?? form.get('t') ?? '';
      const done = token ? await options.unsubscribe(token) : null;
      if (!done) return invalid(res);
      return page(
        res,
        200,
        'You are unsubscribed',
        `<p>${escapeHtml(done.email)} ${done.already ? 'was already' : 'is now'} off the list for the weekly digest of <strong>${escapeHtml(done.programmeTitle)}</strong>. No more digest e-mails will be sent to this address for it.</p>`,
      );
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, POST', 'content-type': 'text/plain; charset=utf-8' }).end('Method not allowed');
      return;
    }
    const token = url.searchParams.get('t') ?? '';
    const target = token ? await options.target(token) : null;
    if (!target) return invalid(res);
    return page(
      res,
      200,
      'Stop the weekly digest?',
      `<p>Stop sending the weekly digest of <strong>${escapeHtml(target.programmeTitle)}</strong> to ${escapeHtml(target.email)}?</p><form method="post" action="${UNSUBSCRIBE_PATH}"><input type="hidden" name="t" value="${escapeHtml(token)}"><button type="submit">Unsubscribe</button></form>`,
    );
  };
}
