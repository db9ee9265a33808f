import { Waiters } from './wait.ts';

export interface UploadedFile {
  /** The form field, such as `files[0]`. */
  field: string;
  filename: string;
  contentType: string;
  bytes: Buffer;
}

export interface RecordedCall {
  method: string;
  /** The decoded path after /api/v10, such as `/channels/123/messages`. */
  path: string;
  /** The route it matched, such as `/channels/:channelId/messages`; empty when none did. */
  route: string;
  params: Record<string, string>;
  query: Record<string, string>;
  /** The JSON body, or `payload_json` of a multipart body. */
  body: unknown;
  files: UploadedFile[];
  status: number;
  response: unknown;
  at: number;
}

export type CallFilter = { method?: string; route?: string; path?: string } | ((call: RecordedCall) => boolean);

function matcher(filter: CallFilter | undefined): (call: RecordedCall) => boolean {
  if (!filter) return () => true;
  if (typeof filter === 'function') return filter;
  return (call) =>
    (filter.method === undefined || call.method === filter.method.toUpperCase()) &&
    (filter.route === undefined || call.route === filter.route) &&
    (filter.path === undefined || call.path === filter.path);
}

/** Every REST call the fake answered, in order. */
export class CallLog {
  readonly #calls: RecordedCall[] = [];
  readonly #waiters = new Waiters<RecordedCall>();

  record(call: RecordedCall): void {
    this.#calls.push(call);
    this.#waiters.announce(call);
  }

  list(filter?: CallFilter): RecordedCall[] {
    return this.#calls.filter(matcher(filter));
  }

  /** The first recorded call that matches, waiting for it when none has been made yet. */
  waitFor(filter: CallFilter, timeoutMs = 2000): Promise<RecordedCall> {
    const matches = matcher(filter);
    const earlier = this.#calls.find(matches);
    if (earlier) return Promise.resolve(earlier);
    return this.#waiters.wait(matches, timeoutMs, 'a REST call');
  }
}
