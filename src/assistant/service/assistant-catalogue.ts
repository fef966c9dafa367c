/**
 * The catalogue as the assistant needs it, held in memory: item records by id (so a turn reads no item
 * rows) and the gazetteer built from them. Loaded once in small pages with a turn of the event loop between
 * them (SQLite answers synchronously), kept current by the item service's change notifications, and
 * caught up with changes made by other processes by a cheap poll of update times. The gazetteer is rebuilt
 * from memory, at most once per interval, never on the request that notices it is stale.
 */
import type { Clock } from '../../platform/clock.js';
import type { ItemChangeListener } from '../../platform/item-service.js';
import type { ItemRecord } from '../../store/repositories/item-repository.js';
import type { Store } from '../../store/store.js';
import { CatalogueGazetteer } from '../understand/catalogue-gazetteer.js';

/** How often changes made by other processes are looked for. */
const POLL_MS = 10_000;
/** How often a full reload catches deletions made by other processes. */
const RELOAD_MS = 10 * 60_000;
/** Least time between two gazetteer rebuilds after changes. */
const REBUILD_MS = 30_000;
/** Rows read between two turns of the event loop. */
const PAGE = 250;

const turn = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));

/** Items by id and the vocabulary over them. */
export class AssistantCatalogue implements ItemChangeListener {
  private items = new Map<string, ItemRecord>();
  private loaded: Promise<void> | null = null;
  private vocabulary: CatalogueGazetteer = CatalogueGazetteer.fromItems([]);
  private dirty = false;
  private builtAt = 0;
  private polledAt = 0;
  private reloadedAt = 0;
  private syncedUpTo = 0;
  private background: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  /** Loads every item and builds the vocabulary once; later calls return the same promise. */
  ready(): Promise<void> {
    this.loaded ??= this.reload().catch((error: unknown) => {
      this.loaded = null;
      throw error;
    });
    return this.loaded;
  }

  /**
   * The vocabulary now; starts a background refresh when one is due and answers with the current one
   * meanwhile — except while it knows no catalogue at all and items have arrived, when it is built first.
   */
  async gazetteer(): Promise<CatalogueGazetteer> {
    if (this.dirty && this.vocabulary.categories.size === 0 && !this.background) await this.rebuild();
    this.maintain();
    return this.vocabulary;
  }

  /** Active item records for ids, in the given order, skipping unknown and inactive ones. */
  records(ids: readonly string[]): ItemRecord[] {
    const out: ItemRecord[] = [];
    for (const id of ids) {
      const r = this.items.get(id);
      if (r?.active) out.push(r);
    }
    return out;
  }

  /** Item service listener: records changed in this process. */
  itemsChanged(records: readonly ItemRecord[]): void {
    for (const r of records) this.items.set(r.id, r);
    this.dirty = true;
  }

  /** Item service listener: an item was deleted in this process. */
  itemDeleted(id: string): void {
    this.items.delete(id);
    this.dirty = true;
  }

  /** Starts no more background refreshes and waits for the one in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.settle();
  }

  /** Waits for a running background refresh (tests, shutdown). */
  async settle(): Promise<void> {
    await this.background;
  }

  private maintain(): void {
    if (this.background || !this.loaded || this.stopped) return;
    const now = this.clock();
    let work: (() => Promise<void>) | null = null;
    if (now - this.reloadedAt >= RELOAD_MS) work = () => this.reload();
    else if (now - this.polledAt >= POLL_MS) work = () => this.poll();
    else if (this.dirty && now - this.builtAt >= REBUILD_MS) work = () => this.rebuild();
    if (!work) return;
    const run = work;
    // Not on this request: the next turn of the event loop, and the request answers with what is there.
    this.background = turn()
      .then(run)
      .catch(this.onError)
      .finally(() => (this.background = null));
  }

  private async reload(): Promise<void> {
    const started = this.clock();
    const fresh = new Map<string, ItemRecord>();
    let n = 0;
    for await (const r of this.store.items.all(PAGE)) {
      fresh.set(r.id, r);
      if (++n % PAGE === 0) await turn();
    }
    this.items = fresh;
    this.reloadedAt = this.polledAt = started;
    this.syncedUpTo = started;
    await this.rebuild();
  }

  private async poll(): Promise<void> {
    const started = this.clock();
    this.polledAt = started;
    // Rows written in the same millisecond as the last poll are read again rather than missed.
    const changed = await this.store.items.changedSince(this.syncedUpTo);
    this.syncedUpTo = started;
    const ids = changed.filter((c) => this.items.get(c.id)?.updatedAt !== c.updatedAt).map((c) => c.id);
    for (let i = 0; i < ids.length; i += PAGE) {
      const page = await this.store.items.getMany(ids.slice(i, i + PAGE));
      for (const r of page.values()) this.items.set(r.id, r);
      this.dirty = true;
      await turn();
    }
    if (this.dirty && this.clock() - this.builtAt >= REBUILD_MS) await this.rebuild();
  }

  private async rebuild(): Promise<void> {
    this.dirty = false;
    this.builtAt = this.clock();
    await turn();
    this.vocabulary = CatalogueGazetteer.fromItems([...this.items.values()].filter((r) => r.active));
  }
}
