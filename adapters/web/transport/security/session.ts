import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Sessions are signed cookies: `<payload>.<hmac>`, nothing kept on the server, so they work across restarts and
 * replicas when ORGANISER_API_TOKEN is set (the key is derived from it; without it the key is random per process).
 * Every visitor gets one: it carries the CSRF token's seed, and whether (and until when) they signed in.
 */

export interface Session {
  /** Random, 128 bits; the CSRF token is derived from it. */
  sid: string;
  /** Epoch milliseconds until which the visitor is signed in as an organiser; 0 when not signed in. */
  authUntil: number;
  /** Sandbox only: the visitor asked to act as an organiser (honoured only while they have organiser access). */
  sandboxOrganiser: boolean;
  /** Epoch milliseconds when the session cookie stops being accepted. */
  expires: number;
}

export const SESSION_COOKIE = 'agora_session';
export const SESSION_LIFETIME_MS = 30 * 86_400_000;
export const SIGN_IN_LIFETIME_MS = 12 * 3_600_000;

function b64(buffer: Buffer): string {
  return buffer.toString('base64url');
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export class SessionKeeper {
  readonly #key: Buffer;

  constructor(secret: string | undefined) {
    this.#key = secret ? createHash('sha256').update(`agora-web-session\u0000${secret}`).digest() : randomBytes(32);
  }

  fresh(now: number): Session {
    return { sid: b64(randomBytes(16)), authUntil: 0, sandboxOrganiser: false, expires: now + SESSION_LIFETIME_MS };
  }

  #sign(payload: string): string {
    return b64(createHmac('sha256', this.#key).update(payload).digest());
  }

  encode(session: Session): string {
    const payload = b64(Buffer.from(JSON.stringify(session)));
    return `${payload}.${this.#sign(payload)}`;
  }

  /** The session in a cookie value, or null when it is missing, forged, malformed or expired. */
  decode(value: string | undefined, now: number): Session | null {
    if (!value) return null;
    const [payload, signature, extra] = value.split('.');
    if (!payload || !signature || extra !== undefined || !sameText(signature, this.#sign(payload))) return null;
    try {
      const data = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<Session>;
      if (
        typeof data.sid !== 'string' ||
        typeof data.authUntil !== 'number' ||
        typeof data.expires !== 'number' ||
        data.expires < now
      )
        return null;
      return {
        sid: data.sid,
        authUntil: data.authUntil,
        sandboxOrganiser: data.sandboxOrganiser === true,
        expires: data.expires,
      };
    } catch {
      return null;
    }
  }

  csrfToken(session: Session): string {
    return this.#sign(`csrf\u0000${session.sid}`);
  }

  checkCsrf(session: Session, token: string | undefined): boolean {
    return typeof token === 'string' && token.length > 0 && sameText(token, this.csrfToken(session));
  }
}

/** Compares a presented password or bearer token with the configured one in constant time. */
export function tokenMatches(presented: string | undefined, expected: string | undefined): boolean {
  if (!presented || !expected) return false;
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
