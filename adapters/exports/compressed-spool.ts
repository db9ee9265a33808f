import { promisify } from 'node:util';
import { deflateRaw, inflateRaw } from 'node:zlib';

const BLOCK = 256 * 1024;
const deflate = promisify(deflateRaw);
const inflate = promisify(inflateRaw);

/**
 * Text kept until the end of a sheet (its hyperlinks), deflated in blocks on zlib's thread pool as it grows: a
 * sheet's links cost a small fraction of their size in memory, however many rows link somewhere.
 */
export class CompressedSpool {
  private pending = '';
  private readonly blocks: Promise<Buffer>[] = [];

  add(text: string): void {
    this.pending += text;
    if (this.pending.length >= BLOCK) {
      const block = deflate(this.pending, { level: 1 });
      // Read (and so awaited) at the end of the sheet; an export given up before then leaves none unhandled.
      block.catch(() => undefined);
      this.blocks.push(block);
      this.pending = '';
    }
  }

  get empty(): boolean {
    return this.pending === '' && this.blocks.length === 0;
  }

  /** The text in order, a block at a time. */
  async *read(): AsyncIterable<Uint8Array> {
    for (const block of this.blocks) yield await inflate(await block);
    if (this.pending) yield Buffer.from(this.pending);
  }
}
