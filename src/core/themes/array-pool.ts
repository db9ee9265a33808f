/**
 * Many small typed arrays carved out of a few large ones: a hundred thousand answers' term ids and weights would
 * otherwise be half a million buffers of their own, each with its own allocation outside the heap.
 */
const CHUNK = 1 << 16;

export class ArrayPool<T extends Int32Array | Float64Array> {
  #chunk: T;
  #used = 0;

  constructor(private readonly make: (length: number) => T) {
    this.#chunk = make(CHUNK);
  }

  /** A zero-filled array of `length`, a view of a larger one. */
  take(length: number): T {
    if (length > CHUNK) return this.make(length);
    if (this.#used + length > CHUNK) {
      this.#chunk = this.make(CHUNK);
      this.#used = 0;
    }
    const view = this.#chunk.subarray(this.#used, this.#used + length) as T;
    this.#used += length;
    return view;
  }
}

export const int32Pool = () => new ArrayPool((n) => new Int32Array(n));
export const float64Pool = () => new ArrayPool((n) => new Float64Array(n));
