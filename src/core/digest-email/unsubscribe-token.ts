import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A reader's unsubscribe token: the programme and address, signed with the deployment's secret, so that the link
 * in a digest e-mail unsubscribes that reader from that programme and nobody can make a link for someone else.
 */

export interface UnsubscribeSubject {
  programmeId: string;
  email: string;
}

const encode = (text: string | Buffer) => Buffer.from(text).toString('base64url');

function signature(secret: string, payload: string): string {
  return encode(createHmac('sha256', secret).update(`unsubscribe:${payload}`).digest());
}

export function signUnsubscribeToken(secret: string, subject: UnsubscribeSubject): string {
  const payload = encode(JSON.stringify({ p: subject.programmeId, e: subject.email.toLowerCase() }));
  return `${payload}.${signature(secret, payload)}`;
}

/** The subject of a token signed with `secret`; null for a token that is malformed or signed otherwise. */
export function verifyUnsubscribeToken(secret: string, token: string): UnsubscribeSubject | null {
  const [payload, given, extra] = token.split('.');
  if (!payload || !given || extra !== undefined) return null;
  const expected = Buffer.from(signature(secret, payload));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
  try {
    const parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { p?: unknown; e?: unknown };
    if (typeof parsed.p !== 'string' || typeof parsed.e !== 'string') return null;
    return { programmeId: parsed.p, email: parsed.e };
  } catch {
    return null;
  }
}
