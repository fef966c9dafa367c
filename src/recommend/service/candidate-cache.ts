/**
 * The model's top candidates per customer, reused while nothing changed: the key holds the model id,
 * the customer's newest event and the exclusion options, so a new event or model misses at once.
 * Scoring the whole catalogue is most of a request's cost; a customer's repeated page views skip it.
 */
import type { TopK } from '../../math/top-k.js';

const MAX_ENTRIES = 20_000;
/** Entries expire so that time-based exclusions ("seen in the last N days") move on. */
const TTL_MS = 10 * 60_000;

/** A small LRU of top lists. */
export class CandidateCache {
  private readonly entries = new Map<string, { top: TopK; at: number }>();

  /** A live entry, refreshed as most recently used. */
  get(key: string, now: number): TopK | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    this.entries.delete(key);
    if (now - e.at > TTL_MS) return undefined;
    this.entries.set(key, e);
    return e.top;
  }

  /** Stores a list, evicting the least recently used beyond the cap. */
  set(key: string, top: TopK, now: number): void {
    this.entries.delete(key);
    this.entries.set(key, { top, at: now });
    if (this.entries.size > MAX_ENTRIES) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }
}
