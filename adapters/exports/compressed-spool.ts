import { deflateRawSync, inflateRawSync } from 'node:zlib';

const BLOCK = 256 * 1024;

/**
 * Text kept until the end of a sheet (its hyperlinks), deflated in blocks as it grows: a sheet's links cost a
 * small fraction of their size in memory, however many rows link somewhere.
 */
export class CompressedSpool {
  private pending = '';
  private readonly blocks: Buffer[] = [];

  add(text: string): void {
    this.pending += text;
    if (this.pending.length >= BLOCK) {
      this.blocks.push(deflateRawSync(this.pending, { level: 1 }));
      this.pending = '';
    }
  }

  get empty(): boolean {
    return this.pending === '' && this.blocks.length === 0;
  }

  /** The text in order, a block at a time. */
  *read(): Iterable<Uint8Array> {
    for (const block of this.blocks) yield inflateRawSync(block);
    if (this.pending) yield Buffer.from(this.pending);
  }
}
