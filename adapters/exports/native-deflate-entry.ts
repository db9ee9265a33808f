import { crc32, createDeflateRaw, type DeflateRaw, type ZlibOptions } from 'node:zlib';
import type { AsyncFlateStreamHandler, ZipInputFile } from 'fflate';

/** Room for a few chunks in flight (zlib streams take stream options too), so rows are made while zlib compresses. */
const OPTIONS: ZlibOptions & { highWaterMark: number } = { level: 1, chunkSize: 64 * 1024, highWaterMark: 1024 * 1024 };

/**
 * One file of a zip written with fflate's streaming Zip, compressed by Node's zlib instead of fflate's own deflate:
 * zlib is about ten times faster and compresses on the thread pool, beside the code that makes the rows.
 */
export class NativeDeflateEntry implements ZipInputFile {
  readonly compression = 8;
  crc = 0;
  size = 0;
  ondata?: AsyncFlateStreamHandler;
  private readonly deflate: DeflateRaw;

  constructor(
    readonly filename: string,
    readonly mtime: Date,
  ) {
    this.deflate = createDeflateRaw(OPTIONS);
    this.deflate.on('data', (chunk: Buffer) => this.ondata?.(null, chunk as Uint8Array<ArrayBuffer>, false));
    this.deflate.on('end', () => this.ondata?.(null, new Uint8Array(0), true));
    this.deflate.on('error', (error) => this.ondata?.(error as never, null as never, true));
  }

  /** Whether zlib wants no more until it drains (see drained). */
  write(bytes: Uint8Array): boolean {
    this.crc = crc32(bytes, this.crc);
    this.size += bytes.length;
    return this.deflate.write(bytes);
  }

  async drained(): Promise<void> {
    if (!this.deflate.writableNeedDrain) return;
    await new Promise<void>((resolve) => this.deflate.once('drain', resolve));
  }

  /** Resolves once zlib has handed fflate its last bytes. */
  async end(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.deflate.once('end', resolve).once('error', reject);
      this.deflate.end();
    });
  }

  terminate(): void {
    this.deflate.destroy();
  }
}
