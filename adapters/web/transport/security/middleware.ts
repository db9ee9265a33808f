import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { WebEnv, WebServices } from '../../context.ts';
import { bearerToken, cameOverTls, isLocalRequest, type OrganiserAccess } from './access.ts';
import { SESSION_COOKIE, SESSION_LIFETIME_MS, type Session, tokenMatches } from './session.ts';

/** Strict by default: scripts and styles from this server only, no framing, no inline script. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function securityHeaders(): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    await next();
    c.res.headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    c.res.headers.set('Referrer-Policy', 'same-origin');
    c.res.headers.set('X-Frame-Options', 'DENY');
    c.res.headers.set('Cross-Origin-Opener-Policy', 'same-origin');
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
  };
}

export function saveSession(c: Context<WebEnv>, services: WebServices, session: Session): void {
  c.set('session', session);
  c.set('csrf', services.sessions.csrfToken(session));
  setCookie(c, SESSION_COOKIE, services.sessions.encode(session), {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: c.get('secure'),
    maxAge: Math.floor(SESSION_LIFETIME_MS / 1000),
  });
}

/** Reads (or starts) the visitor's session and works out what organiser access the request has. */
export function sessionAndAccess(services: WebServices): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    const now = Date.now();
    c.set('secure', cameOverTls(c));
    const existing = services.sessions.decode(getCookie(c, SESSION_COOKIE), now);
    if (existing) {
      c.set('session', existing);
      c.set('csrf', services.sessions.csrfToken(existing));
    } else {
      saveSession(c, services, services.sessions.fresh(now));
    }
    const session = c.get('session');
    let access: OrganiserAccess | null = null;
    if (isLocalRequest(c)) access = 'local';
    else if (tokenMatches(bearerToken(c), services.options.organiserToken)) access = 'bearer';
    else if (session.authUntil > now && services.options.organiserToken) access = 'session';
    c.set('access', access);
    await next();
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every state-changing request carries the session's CSRF token: a hidden `_csrf` field in forms, or the
 * `X-CSRF-Token` header that htmx sends. Requests authenticated by a bearer token carry no ambient credential
 * and need none. A cross-site Origin is refused too.
 */
export function csrfProtection(services: WebServices): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method) || c.get('access') === 'bearer') return next();
    const origin = c.req.header('origin');
    const host = c.req.header('host');
    let sameOrigin = true;
    if (origin !== undefined) {
      try {
        sameOrigin = origin !== 'null' && new URL(origin).host === host;
      } catch {
        sameOrigin = false;
      }
    }
    let token = c.req.header('x-csrf-token');
    if (
      !token &&
      /^(application\/x-www-form-urlencoded|multipart\/form-data)/.test(c.req.header('content-type') ?? '')
    ) {
      const body = await c.req.parseBody({ all: true });
      const field = body._csrf;
      token = typeof field === 'string' ? field : undefined;
    }
    if (!sameOrigin || !services.sessions.checkCsrf(c.get('session'), token)) {
      return c.html(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Refused: Agora</title><link rel="stylesheet" href="/assets/agora.css"></head><body><main id="main"><h1>That request was refused</h1><p>The form had expired or did not come from this Agora page, so nothing was changed. Go back, reload the page and try again.</p><p><a href="/">Back to the start page</a></p></main></body></html>',
        403,
      );
    }
    return next();
  };
}
