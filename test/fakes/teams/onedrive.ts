import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { TeamsPerson } from './world.ts';

/** One file a person allowed a bot to put in their OneDrive: its upload session, then the file once complete. */
export interface DriveFile {
  owner: string;
  name: string;
  uniqueId: string;
  contentUrl: string;
  uploadUrl: string;
  /** The size the consent card announced: the upload session takes exactly that many bytes. */
  size: number;
  received: Buffer[];
  receivedBytes: number;
  /** The bytes, once the last piece is in. */
  bytes: Buffer | null;
  /** Every PUT the session was sent, as OneDrive answered it. */
  puts: { range: string | undefined; status: number }[];
}

type Answer = { status: number; body: unknown };

/** OneDrive takes an upload session in pieces of a multiple of 320 KiB, at most 60 MiB each (the last may be short). */
const PIECE_MULTIPLE = 320 * 1024;
const PIECE_MAX = 60 * 1024 * 1024;

const refusal = (status: number, code: string, message: string): Answer => ({
  status,
  body: { error: { code, message } },
});

/**
 * The fake OneDrive for Business behind Teams's file consent: an Allow opens an upload session in the person's
 * drive, which takes the file's bytes with PUTs the way OneDrive does (Content-Range, Content-Length, no bearer
 * token on the pre-authorised URL) and keeps the file once every byte is in.
 */
export class OneDrive {
  readonly files: DriveFile[] = [];
  /** While true, OneDrive answers every upload with 503, as in an outage. */
  outage = false;

  constructor(private readonly base: () => string) {}

  /** The upload session for an Allow, named as OneDrive names it (`name (1).ext` when the name is taken). */
  startUpload(owner: TeamsPerson, name: string, size: number): DriveFile {
    const taken = new Set(this.files.filter((f) => f.owner === owner.name).map((f) => f.name));
    const dot = name.lastIndexOf('.');
    const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
    let unique = name;
    for (let n = 1; taken.has(unique); n++) unique = `${stem} (${n})${ext}`;
    const id = randomUUID();
    const file: DriveFile = {
      owner: owner.name,
      name: unique,
      uniqueId: id.toUpperCase(),
      contentUrl: `https://contoso-my.sharepoint.com/personal/${owner.name}/Documents/Applications/Agora/${encodeURIComponent(unique)}`,
      uploadUrl: `${this.base()}/onedrive/upload/${id}`,
      size,
      received: [],
      receivedBytes: 0,
      bytes: null,
      puts: [],
    };
    this.files.push(file);
    return file;
  }

  byUniqueId(uniqueId: string): DriveFile | undefined {
    return this.files.find((f) => f.uniqueId === uniqueId);
  }

  /** PUT to an upload URL: one piece of the file. */
  put(sessionPath: string, headers: IncomingHttpHeaders, body: Buffer): Answer {
    const file = this.files.find((f) => new URL(f.uploadUrl).pathname === sessionPath);
    const range = headers['content-range'];
    const answer = file ? this.#piece(file, headers, range, body) : refusal(404, 'itemNotFound', 'No upload session.');
    file?.puts.push({ range, status: answer.status });
    return answer;
  }

  #piece(file: DriveFile, headers: IncomingHttpHeaders, range: string | undefined, body: Buffer): Answer {
    if (this.outage) return refusal(503, 'serviceNotAvailable', 'OneDrive is not available just now.');
    if (headers.authorization)
      return refusal(401, 'unauthenticated', 'An upload URL is pre-authorised: send it no Authorization header.');
    if (file.bytes) return refusal(409, 'conflict', 'This upload session is complete.');
    const match = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(range ?? '');
    if (!match) return refusal(400, 'invalidRequest', `Content-Range must be "bytes START-END/TOTAL", not ${range}`);
    const [start, end, total] = match.slice(1).map(Number) as [number, number, number];
    if (total !== file.size)
      return refusal(400, 'invalidRequest', `the file is ${total} bytes, the consent card said ${file.size}`);
    if (start !== file.receivedBytes || end < start || end >= total)
      return refusal(416, 'invalidRange', `expected bytes from ${file.receivedBytes}, got ${range}`);
    const length = end - start + 1;
    if (Number(headers['content-length']) !== length || body.length !== length)
      return refusal(400, 'invalidRequest', `Content-Length and the body must be the ${length} bytes of the range`);
    const last = end === total - 1;
    if (length > PIECE_MAX || (!last && length % PIECE_MULTIPLE !== 0))
      return refusal(416, 'invalidRange', 'each piece but the last must be a multiple of 320 KiB, at most 60 MiB');
    file.received.push(body);
    file.receivedBytes += length;
    if (!last)
      return {
        status: 202,
        body: {
          expirationDateTime: new Date(Date.now() + 3_600_000).toISOString(),
          nextExpectedRanges: [`${end + 1}-`],
        },
      };
    file.bytes = Buffer.concat(file.received);
    return { status: 201, body: { id: file.uniqueId, name: file.name, size: total } };
  }
}
