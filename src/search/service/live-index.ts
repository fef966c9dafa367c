/**
 * The in-memory search state of one process: the engine plus what keeps it in step with the catalogue
 * (ids and update times seen, a high-water mark) and what was learned for it (priors, synonyms, queries).
 * No I/O here; the service feeds it.
 */
import type { ItemRecord } from '../../store/repositories/item-repository.js';
import { DEFAULT_SYNONYMS } from '../query/default-synonyms.js';
import type { MerchandisingRule } from '../ranking/merchandising.js';
import { ProductSearch } from '../product-search.js';
import { QuerySuggester } from '../query-suggester.js';
import type { SynonymRule } from '../query/synonyms.js';
import { itemDocument } from './item-document.js';
import type { SearchSnapshot } from './search-snapshot.js';

/** A live index over the catalogue. */
export class LiveIndex {
  /** Catalogue ids folded in (inactive items too) → their updated_at. */
  readonly known = new Map<string, number>();
  /** Largest updated_at folded in. */
  highWater = 0;
  /** Clock time at which the items table was last read for changes (0: not since this index was loaded). */
  syncedAt = 0;
  /** Popularity prior per item. */
  priors = new Map<string, number>();
  /** Synonyms learned from the log. */
  learned: SynonymRule[] = [];
  private configured: SynonymRule[] = [];

  constructor(
    readonly engine: ProductSearch = new ProductSearch(),
    public suggester: QuerySuggester = new QuerySuggester(),
  ) {}

  /** Restores a live index from a snapshot. */
  static fromSnapshot(s: SearchSnapshot): LiveIndex {
    return LiveIndex.restore(s, ProductSearch.fromJSON(s.engine));
  }

  /** Restores a live index from a snapshot, yielding to the event loop while the index is rebuilt. */
  static async fromSnapshotAsync(s: SearchSnapshot): Promise<LiveIndex> {
    return LiveIndex.restore(s, await ProductSearch.fromJSONAsync(s.engine));
  }

  private static restore(s: SearchSnapshot, engine: ProductSearch): LiveIndex {
    const live = new LiveIndex(engine, QuerySuggester.fromJSON(s.queries));
    for (const [id, at] of s.known) live.known.set(id, at);
    live.priors = new Map(s.priors);
    live.learned = s.learned;
    live.highWater = s.highWater;
    return live;
  }

  /** The serialisable state. */
  toSnapshot(): SearchSnapshot {
    return {
      version: 1,
      engine: this.engine.toJSON(),
      queries: this.suggester.toJSON(),
      priors: [...this.priors],
      learned: this.learned,
      known: [...this.known],
      highWater: this.highWater,
    };
  }

  /** Folds in changed items (an item no newer than what is held is skipped, so replays are harmless). */
  applyItems(items: Iterable<ItemRecord>): number {
    let applied = 0;
    for (const item of items) {
      const seen = this.known.get(item.id);
      if (seen !== undefined && seen > item.updatedAt) continue;
      this.known.set(item.id, item.updatedAt);
      if (item.updatedAt > this.highWater) this.highWater = item.updatedAt;
      const doc = itemDocument(item, this.priors.get(item.id));
      if (doc) this.engine.upsert(doc);
      else this.engine.remove(item.id);
      applied++;
    }
    return applied;
  }

  /** Drops a deleted item. */
  removeItem(id: string): void {
    this.known.delete(id);
    this.engine.remove(id);
  }

  /** Sets the merchant's synonyms and rules (the built-in list and learned synonyms stay). */
  setSettings(synonyms: SynonymRule[], rules: MerchandisingRule[]): void {
    this.configured = synonyms;
    this.engine.setSynonyms([...DEFAULT_SYNONYMS, ...this.configured, ...this.learned]);
    this.engine.setRules(rules);
  }

  /** Replaces the learned synonyms. */
  setLearned(learned: SynonymRule[]): void {
    this.learned = learned;
    this.engine.setSynonyms([...DEFAULT_SYNONYMS, ...this.configured, ...this.learned]);
  }

  /**
   * Replaces the popularity priors, updating only the documents whose prior changed (in place, no re-index);
   * returns how many. Yields to the event loop every 1,000 documents so searches keep being answered.
   */
  async setPriors(priors: Map<string, number>): Promise<number> {
    // Set first: items changed while this yields are indexed with the new priors.
    this.priors = priors;
    let changed = 0;
    for (const id of this.known.keys()) {
      const doc = this.engine.get(id);
      if (!doc) continue;
      const next = priors.get(id);
      if ((doc.popularity ?? 0) === (next ?? 0)) continue;
      this.engine.setPopularity(id, next);
      if (++changed % 1000 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    return changed;
  }
}
