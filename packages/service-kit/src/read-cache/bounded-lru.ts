/** One kept answer and what it costs to keep. */
export interface Sized {
  readonly bytes: number;
}

interface Slot<V> {
  value: V;
  expiresAt: number;
}

/** Limits of a bounded cache: how long an entry lives and how much it may hold. */
export interface LruLimits {
  ttlMs: number;
  maxEntries: number;
  maxBytes: number;
  /** Milliseconds of a monotonic-enough clock; `Date.now` when left out (tests inject one). */
  now?: () => number;
}

/**
 * Least-recently-used map bounded by entries and bytes, whose entries expire `ttlMs` after they
 * were stored. A Map keeps insertion order, so re-inserting on read makes its first key the LRU.
 */
export class BoundedLru<V extends Sized> {
  readonly #slots = new Map<string, Slot<V>>();
  readonly #now: () => number;
  #bytes = 0;

  constructor(private readonly limits: LruLimits) {
    this.#now = limits.now ?? Date.now;
  }

  get size(): number {
    return this.#slots.size;
  }

  get bytes(): number {
    return this.#bytes;
  }

  get(key: string): V | undefined {
    const slot = this.#slots.get(key);
    if (!slot) return undefined;
    this.#slots.delete(key);
    if (slot.expiresAt <= this.#now()) {
      this.#bytes -= slot.value.bytes;
      return undefined;
    }
    this.#slots.set(key, slot);
    return slot.value;
  }

  /** Keeps `value` unless it alone is over the byte bound; evicts the least recently used. */
  set(key: string, value: V): void {
    this.delete(key);
    if (this.limits.ttlMs <= 0 || value.bytes > this.limits.maxBytes) return;
    this.#slots.set(key, { value, expiresAt: this.#now() + this.limits.ttlMs });
    this.#bytes += value.bytes;
    for (const [oldest, slot] of this.#slots) {
      if (this.#slots.size <= this.limits.maxEntries && this.#bytes <= this.limits.maxBytes) break;
      this.#slots.delete(oldest);
      this.#bytes -= slot.value.bytes;
    }
  }

  delete(key: string): void {
    const slot = this.#slots.get(key);
    if (!slot) return;
    this.#slots.delete(key);
    this.#bytes -= slot.value.bytes;
  }

  /** Drops every entry whose key `matches`; returns how many. */
  deleteWhere(matches: (key: string) => boolean): number {
    let dropped = 0;
    for (const key of [...this.#slots.keys()]) {
      if (!matches(key)) continue;
      this.delete(key);
      dropped += 1;
    }
    return dropped;
  }
}
