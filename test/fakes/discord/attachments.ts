import type { APIAttachment } from 'discord.js';
import type { UploadedFile } from './call-log.ts';
import { requestTooLarge } from './errors.ts';
import { FormErrors } from './form-errors.ts';
import type { World } from './world.ts';

const maxFiles = 10;
const maxFileBytes = 10 * 1024 * 1024;

interface AttachmentReference {
  id?: unknown;
  filename?: unknown;
  description?: unknown;
}

/** Stores the bytes and describes them as Discord does, with a URL the fake serves. */
export function storeAttachment(
  world: World,
  channelId: string,
  file: { filename: string; contentType: string; bytes: Buffer; description?: string },
): APIAttachment {
  const id = world.nextId();
  world.files.set(id, { filename: file.filename, contentType: file.contentType, bytes: file.bytes });
  const url = `${world.publicUrl}/attachments/${channelId}/${id}/${encodeURIComponent(file.filename)}`;
  return {
    id,
    filename: file.filename,
    ...(file.description && { description: file.description }),
    content_type: file.contentType,
    size: file.bytes.length,
    url,
    proxy_url: url,
  };
}

/**
 * The attachments of a message being sent or edited: uploaded `files[n]` described by the `attachments` entry with
 * id n, plus the existing attachments an edit keeps by listing their ids (all of them when it lists none).
 */
export function attachmentsFor(
  world: World,
  channelId: string,
  body: { attachments?: unknown },
  files: UploadedFile[],
  existing: APIAttachment[] = [],
): APIAttachment[] {
  const errors = new FormErrors();
  errors.length(['files'], files, { max: maxFiles });
  errors.throwIfAny();
  if (files.some((file) => file.bytes.length > maxFileBytes)) throw requestTooLarge();
  const references = Array.isArray(body.attachments) ? (body.attachments as AttachmentReference[]) : undefined;
  const kept = references
    ? existing.filter((attachment) => references.some((reference) => String(reference.id) === attachment.id))
    : existing;
  const uploaded = files.map((file, index) => {
    const number = /\[(\d+)\]$/.exec(file.field)?.[1] ?? String(index);
    const reference = references?.find((candidate) => String(candidate.id) === number);
    return storeAttachment(world, channelId, {
      filename: typeof reference?.filename === 'string' ? reference.filename : file.filename,
      contentType: file.contentType,
      bytes: file.bytes,
      ...(typeof reference?.description === 'string' && { description: reference.description }),
    });
  });
  return [...kept, ...uploaded];
}
