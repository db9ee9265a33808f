import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { PlatformIdentity } from '../../../src/core/types.ts';
import type { WebEnv } from '../context.ts';
import { characters } from '../outbound/format.ts';

/**
 * Who a sandbox visitor is playing: a name they pick or create, kept in a cookie with the few names used in this
 * browser (so switching between "people" is one click). Names are not verified: the sandbox is for trying Agora.
 */

export const PEOPLE_COOKIE = 'agora_sandbox_people';
export const NAME_MAX = 80;
const KEEP = 6;

export interface Visitor {
  userId: string;
  name: string;
}

/** `Dana O'Brien` -> `dana-o-brien`: the sandbox's platform user id for a name. */
export function userIdFor(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
}

export function checkName(raw: string | undefined): { name: string } | { error: string } {
  const name = (raw ?? '').replace(/\s+/g, ' ').trim();
  if (!name) return { error: 'Type a name to take part as (any name: this is a sandbox).' };
  const length = characters(name);
  if (length > NAME_MAX) return { error: `Names can be at most ${NAME_MAX} characters; this one has ${length}.` };
  if (!userIdFor(name)) return { error: 'Use at least one letter or digit in the name.' };
  return { name };
}

/** Names used in this browser, the current one first. */
export function namesOf(c: Context<WebEnv>): string[] {
  const raw = getCookie(c, PEOPLE_COOKIE);
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return [];
    return parsed
      .filter((n): n is string => typeof n === 'string')
      .map((n) => checkName(n))
      .flatMap((r) => ('name' in r ? [r.name] : []))
      .slice(0, KEEP);
  } catch {
    return [];
  }
}

export function visitorOf(c: Context<WebEnv>): Visitor | null {
  const [name] = namesOf(c);
  return name ? { name, userId: userIdFor(name) } : null;
}

export function identityOf(visitor: Visitor): PlatformIdentity {
  return { platform: 'web', platformUserId: visitor.userId, displayName: visitor.name };
}

export function rememberName(c: Context<WebEnv>, name: string): void {
  const names = [name, ...namesOf(c).filter((n) => userIdFor(n) !== userIdFor(name))].slice(0, KEEP);
  setCookie(c, PEOPLE_COOKIE, JSON.stringify(names), {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: c.get('secure'),
    maxAge: 30 * 86_400,
  });
}
