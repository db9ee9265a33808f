/**
 * A small bounded cache with expiry, for rows read on every inbound event (postings, questions, participants).
 * Entries expire so that changes made by another replica are seen within `ttlMs`; local writes invalidate at once.
 */
export class TtlCache<V> {
  readonly #entries = new Map<string, { value: V; expires: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expires < Date.now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: V): V {
    if (this.#entries.size >= this.maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(key, { value, expires: Date.now() + this.ttlMs });
    return value;
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  /**
   * A cache for one transaction: it reads through to this one, but what it learns or forgets reaches this one only
   * at `publish` (once the transaction committed), so a rolled-back row is never remembered.
   */
  layer(): TransactionCache<V> {
    return new TransactionCache(this, this.ttlMs);
  }
}

export class TransactionCache<V> extends TtlCache<V> {
  readonly #learned = new Map<string, V>();
  readonly #forgotten = new Set<string>();

  constructor(
    private readonly committed: TtlCache<V>,
    ttlMs: number,
  ) {
    super(ttlMs);
  }

  override get(key: string): V | undefined {
    if (this.#forgotten.has(key)) return undefined;
    return this.#learned.get(key) ?? this.committed.get(key);
  }

  override set(key: string, value: V): V {
    this.#forgotten.delete(key);
    this.#learned.set(key, value);
    return value;
  }

  override delete(key: string): void {
    this.#learned.delete(key);
    this.#forgotten.add(key);
  }

  publish(): void {
    for (const key of this.#forgotten) this.committed.delete(key);
    for (const [key, value] of this.#learned) this.committed.set(key, value);
  }
}
