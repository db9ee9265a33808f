import { AgoraError } from '../../src/core/errors.ts';

/** OneDrive takes an upload session's bytes in pieces of a multiple of 320 KiB; 10 MiB is the size it suggests. */
export const UPLOAD_CHUNK_BYTES = 32 * 320 * 1024;
const CHUNK_TIMEOUT_MS = 60_000;

/**
 * Puts a file's bytes to the upload URL Teams gave with the person's Allow: a OneDrive upload session, which takes
 * each piece with its Content-Range and is already authorised (it must not be sent the bot's token).
 */
export async function uploadBytes(
  uploadUrl: string,
  bytes: Uint8Array,
  chunkBytes: number = UPLOAD_CHUNK_BYTES,
): Promise<void> {
  const total = bytes.length;
  if (total === 0) throw new AgoraError('PLATFORM_ERROR', 'An empty file cannot be uploaded to OneDrive.', {});
  for (let start = 0; start < total; start += chunkBytes) {
    const end = Math.min(start + chunkBytes, total) - 1;
    const response = await fetch(uploadUrl, {
      method: 'PUT',
      headers: { 'content-range': `bytes ${start}-${end}/${total}` },
      body: bytes.subarray(start, end + 1),
      signal: AbortSignal.timeout(CHUNK_TIMEOUT_MS),
    }).catch((error: unknown) => {
      throw new AgoraError(
        'PLATFORM_ERROR',
        `Could not reach OneDrive to upload a file: ${(error as Error).message}`,
        { retryable: true },
        { cause: error },
      );
    });
    const last = end === total - 1;
    if (!response.ok || (!last && response.status !== 202)) {
      const reason = await response.text().catch(() => '');
      throw new AgoraError(
        'PLATFORM_ERROR',
        `OneDrive refused bytes ${start}-${end} of a file (${response.status}${reason ? `: ${reason.slice(0, 200)}` : ''}).`,
        { status: response.status, retryable: response.status >= 500 },
      );
    }
    await response.body?.cancel();
  }
}
