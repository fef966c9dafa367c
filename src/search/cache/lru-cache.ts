/** A bounded least-recently-used cache over a Map (insertion order is recency order). */

/** Keeps at most `capacity` entries, evicting the least recently read or written one. */
export class LruCache<K, V> {
  private readonly entries = new Map<K, V>();

  /** Creates a cache holding at most `capacity` entries (at least 1). */
  constructor(readonly capacity: number) {
    if (!(capacity >= 1)) throw new Error(`LRU capacity must be at least 1, got ${String(capacity)}`);
  }

  /** Number of entries held. */
  get size(): number {
    return this.entries.size;
  }

  /** The value for a key, marking it most recently used; undefined when absent. */
  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    // Re-inserting moves the key to the end of the Map's order: the most recently used.
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  /** Stores a value as the most recently used, evicting the oldest entry when full. */
  set(key: K, value: V): void {
    if (this.entries.has(key)) this.entries.delete(key);
    else if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, value);
  }

  /** Drops every entry. */
  clear(): void {
    this.entries.clear();
  }
}
