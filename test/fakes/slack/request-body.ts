import type { IncomingMessage } from 'node:http';

export type Args = Record<string, unknown>;

export interface UploadedFile {
  field: string;
  filename: string;
  bytes: Buffer;
}

export interface ParsedBody {
  args: Args;
  uploads: UploadedFile[];
}

/** Thrown for a body Slack could not read; its message is the Slack error code. */
export class UnreadableBody extends Error {}

// Form-encoded calls carry structured arguments as JSON strings; Slack decodes these fields.
const JSON_FIELDS = new Set(['blocks', 'attachments', 'view', 'metadata', 'files']);

export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

export async function parseBody(contentType: string | undefined, raw: Buffer): Promise<ParsedBody> {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (raw.length === 0) return { args: {}, uploads: [] };
  if (type === 'application/json') return { args: parseJsonObject(raw.toString('utf8')), uploads: [] };
  if (type === 'multipart/form-data') return parseMultipart(contentType ?? '', raw);
  if (type === 'application/x-www-form-urlencoded') {
    return { args: decodeJsonFields(Object.fromEntries(new URLSearchParams(raw.toString('utf8')))), uploads: [] };
  }
  return { args: {}, uploads: [{ field: 'body', filename: '', bytes: raw }] };
}

export function parseQuery(url: URL): Args {
  return decodeJsonFields(Object.fromEntries(url.searchParams));
}

function parseJsonObject(text: string): Args {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UnreadableBody('invalid_json');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new UnreadableBody('invalid_json');
  return parsed as Args;
}

async function parseMultipart(contentType: string, raw: Buffer): Promise<ParsedBody> {
  const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  const fields: Record<string, string> = {};
  const uploads: UploadedFile[] = [];
  for (const [field, value] of form.entries()) {
    if (typeof value === 'string') fields[field] = value;
    else uploads.push({ field, filename: value.name, bytes: Buffer.from(await value.arrayBuffer()) });
  }
  return { args: decodeJsonFields(fields), uploads };
}

function decodeJsonFields(fields: Record<string, string>): Args {
  const args: Args = { ...fields };
  for (const [field, value] of Object.entries(fields)) {
    if (!JSON_FIELDS.has(field)) continue;
    try {
      args[field] = JSON.parse(value);
    } catch {
      // Left as a string: the method reports the malformed argument the way Slack does.
    }
  }
  return args;
}
