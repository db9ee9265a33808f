import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';

/**
 * Who may see the dashboard. The trust rule:
 * - A request is *local* when its TCP peer is a loopback address (127.0.0.0/8, ::1), it carries no proxy header
 *   (X-Forwarded-For, Forwarded, X-Real-IP) and its Host is a loopback name. A reverse proxy on the same machine
 *   connects from 127.0.0.1 but adds X-Forwarded-For, so what it forwards from outside is never local; the Host
 *   check stops a web page from reaching the open local dashboard through DNS rebinding.
 * - Proxy headers are never trusted to *grant* anything: they can only take the local exemption away.
 * - Anything else needs ORGANISER_API_TOKEN: as a bearer token (API clients), or typed into the sign-in form,
 *   which gives a signed session cookie.
 */

export type OrganiserAccess = 'local' | 'session' | 'bearer';

const PROXY_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip'];

export function peerOf(c: Context): IncomingMessage | undefined {
  const env = c.env as { incoming?: IncomingMessage } | undefined;
  return env?.incoming;
}

export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.startsWith('::ffff:') ? address.slice(7) : address;
  return plain === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(plain);
}

function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : (host.split(':')[0] ?? '');
  return name === 'localhost' || name === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}

export function isLocalRequest(c: Context): boolean {
  if (PROXY_HEADERS.some((h) => c.req.header(h) !== undefined)) return false;
  if (!isLoopbackHost(c.req.header('host'))) return false;
  return isLoopbackAddress(peerOf(c)?.socket.remoteAddress);
}

/** True when the request came over TLS, directly or (as a proxy says) to the proxy. Only ever adds `Secure`. */
export function cameOverTls(c: Context): boolean {
  const socket = peerOf(c)?.socket as { encrypted?: boolean } | undefined;
  return socket?.encrypted === true || c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
}

export function bearerToken(c: Context): string | undefined {
  const header = c.req.header('authorization');
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

/** Counts failed sign-ins per client address: at most `max` in `windowMs`. */
export class SignInThrottle {
  readonly #attempts = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly max = 10,
    private readonly windowMs = 15 * 60_000,
  ) {}

  allowed(key: string, now: number): boolean {
    const entry = this.#attempts.get(key);
    return !entry || entry.resetAt <= now || entry.count < this.max;
  }

  failed(key: string, now: number): void {
    const entry = this.#attempts.get(key);
    if (!entry || entry.resetAt <= now) this.#attempts.set(key, { count: 1, resetAt: now + this.windowMs });
    else entry.count++;
    if (this.#attempts.size > 10_000) this.#attempts.clear();
  }

  succeeded(key: string): void {
    this.#attempts.delete(key);
  }
}
