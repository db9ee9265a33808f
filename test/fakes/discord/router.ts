import type { IncomingHttpHeaders } from 'node:http';
import type { UploadedFile } from './call-log.ts';

export interface RestRequest {
  method: string;
  path: string;
  route: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: unknown;
  files: UploadedFile[];
}

export interface RestAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Segments starting with ':' are parameters, such as `/channels/:channelId`. */
  pattern: string;
  /** Interaction callbacks and webhook tokens carry their own credentials; everything else needs the bot token. */
  needsToken?: boolean;
  handle: (request: RestRequest) => RestAnswer | Promise<RestAnswer>;
}

export const json = (body: unknown, status = 200): RestAnswer => ({ status, body });
export const noContent = (): RestAnswer => ({ status: 204 });

type RouteMatch =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'wrong-method' }
  | { kind: 'none' };

function matchPattern(pattern: string, segments: string[]): Record<string, string> | undefined {
  const parts = pattern.split('/').slice(1);
  if (parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of parts.entries()) {
    const segment = segments[index] ?? '';
    if (part.startsWith(':')) params[part.slice(1)] = segment;
    else if (part !== segment) return undefined;
  }
  return params;
}

/** Finds the route for decoded path segments, preferring patterns with more literal segments. */
export function matchRoute(routes: Route[], method: string, segments: string[]): RouteMatch {
  const literals = (route: Route) => route.pattern.split('/').filter((part) => part && !part.startsWith(':')).length;
  const candidates = routes
    .map((route) => ({ route, params: matchPattern(route.pattern, segments) }))
    .filter((candidate) => candidate.params !== undefined)
    .sort((a, b) => literals(b.route) - literals(a.route));
  const found = candidates.find((candidate) => candidate.route.method === method);
  if (found?.params) return { kind: 'found', route: found.route, params: found.params };
  return candidates.length > 0 ? { kind: 'wrong-method' } : { kind: 'none' };
}
