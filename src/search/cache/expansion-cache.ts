/** Memoised trie walks (typo candidates and prefix completions), dropped whenever the vocabulary grows. */
import { LruCache } from './lru-cache.js';
import type { FuzzyHit, TermTrie } from '../indexing/term-trie.js';

const DEFAULT_CAPACITY = 20_000;

/**
 * Caches the raw output of {@link TermTrie.fuzzy} and {@link TermTrie.withPrefix}, which depend on the
 * trie's words alone. Everything that changes on upsert/remove without adding a word (document
 * frequencies, counts, removed words) is applied by the caller after the lookup, so only a new word
 * can make an entry stale; the trie's word count is the version (words are never taken out of it).
 * Returned arrays are shared between calls and must not be mutated.
 */
export class ExpansionCache {
  private readonly fuzzyHits: LruCache<string, readonly FuzzyHit[]>;
  private readonly prefixWords: LruCache<string, readonly string[]>;
  private version = -1;

  /** Wraps a trie; each of the two caches keeps at most `capacity` entries. */
  constructor(
    private readonly trie: TermTrie,
    capacity = DEFAULT_CAPACITY,
  ) {
    this.fuzzyHits = new LruCache(capacity);
    this.prefixWords = new LruCache(Math.max(1, capacity >> 2));
  }

  /** Stored words within `maxDistance` edits of `word` (see {@link TermTrie.fuzzy}). */
  fuzzy(word: string, maxDistance: number): readonly FuzzyHit[] {
    this.sync();
    const key = `${String(maxDistance)}\u0000${word}`;
    let hits = this.fuzzyHits.get(key);
    if (hits === undefined) {
      hits = this.trie.fuzzy(word, maxDistance);
      this.fuzzyHits.set(key, hits);
    }
    return hits;
  }

  /** Up to `limit` stored words starting with `prefix` (see {@link TermTrie.withPrefix}). */
  withPrefix(prefix: string, limit: number): readonly string[] {
    this.sync();
    const key = `${String(limit)}\u0000${prefix}`;
    let words = this.prefixWords.get(key);
    if (words === undefined) {
      words = this.trie.withPrefix(prefix, limit);
      this.prefixWords.set(key, words);
    }
    return words;
  }

  private sync(): void {
    if (this.version === this.trie.size) return;
    this.fuzzyHits.clear();
    this.prefixWords.clear();
    this.version = this.trie.size;
  }
}
