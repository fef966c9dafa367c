/**
 * The catalogue held in memory for serving: item records by id, kept current through ItemService
 * change notifications, and per-model views (metadata and a "never serve" mask by model item index).
 */
import type { Item } from '../../domain/index.js';
import type { ItemChangeListener } from '../../platform/item-service.js';
import type { ItemRecord } from '../../store/repositories/item-repository.js';
import { itemView } from '../../platform/views.js';
import type { Store } from '../../store/store.js';
import type { ItemMeta } from '../item-meta.js';

/** Metadata and servability of every item of one model's index, for one catalogue version. */
export interface IndexedCatalogue {
  /** The catalogue version it reflects (patched in place by CatalogueCache.current). */
  version: number;
  meta: (ItemMeta | undefined)[];
  /** 1 where an item must never be served: not in the catalogue (any more) or inactive. */
  unservable: Uint8Array;
}

/** Items by id, in memory. */
export class CatalogueCache implements ItemChangeListener {
  private readonly items = new Map<string, ItemRecord>();
  private readonly views = new Map<string, Item>();
  private readonly json = new Map<string, string>();
  private loaded: Promise<void> | undefined;
  /** Bumped on every change, so indexed views know to rebuild. */
  version = 0;
  /** Ids changed at each recent version (oldest first), so a view is patched rather than rebuilt. */
  private changes: { version: number; ids: string[] }[] = [];
  private changedIds = 0;

  constructor(private readonly store: Store) {}

  /** Loads every item once (later changes arrive through the listener). */
  ensureLoaded(): Promise<void> {
    this.loaded ??= (async () => {
      await readAll(this.store, (r) => this.items.set(r.id, r));
      this.version++;
    })();
    return this.loaded;
  }

  /** Reloads from the store (changes made by other processes are only seen this way). */
  async reload(): Promise<void> {
    const fresh = new Map<string, ItemRecord>();
    await readAll(this.store, (r) => fresh.set(r.id, r));
    this.items.clear();
    this.views.clear();
    this.json.clear();
    for (const [id, r] of fresh) this.items.set(id, r);
    this.version++;
    // Changes made elsewhere are not known one by one: every view rebuilds.
    this.changes = [];
    this.changedIds = 0;
  }

  /** One item record. */
  get(id: string): ItemRecord | undefined {
    return this.items.get(id);
  }

  /** The API view of an item (cached: most responses repeat popular items). */
  view(id: string): Item | undefined {
    let v = this.views.get(id);
    if (v === undefined) {
      const r = this.items.get(id);
      if (r === undefined) return undefined;
      this.views.set(id, (v = itemView(r)));
    }
    return v;
  }

  /** The API view of an item as JSON text (cached: responses embed it without serialising it again). */
  viewJson(id: string): string | undefined {
    let j = this.json.get(id);
    if (j === undefined) {
      const v = this.view(id);
      if (v === undefined) return undefined;
      this.json.set(id, (j = JSON.stringify(v)));
    }
    return j;
  }

  /** Every item id. */
  ids(): string[] {
    return [...this.items.keys()];
  }

  /** Metadata and the unservable mask over a model's item ids. */
  indexed(itemIds: readonly string[]): IndexedCatalogue {
    const meta: (ItemMeta | undefined)[] = new Array<ItemMeta | undefined>(itemIds.length);
    const unservable = new Uint8Array(itemIds.length);
    itemIds.forEach((id, i) => {
      const r = this.items.get(id);
      if (!r || !r.active) {
        unservable[i] = 1;
        return;
      }
      meta[i] = metaOf(r);
    });
    return { version: this.version, meta, unservable };
  }

  /**
   * The view brought to the current version: patched for the items changed since (an item edit used to
   * rebuild the metadata of every item on the next request, ~100 ms at 100,000 items), or rebuilt when
   * those changes are no longer all known.
   */
  current(view: IndexedCatalogue, itemIds: readonly string[], index: ReadonlyMap<string, number>): IndexedCatalogue {
    if (view.version === this.version) return view;
    const first = this.changes[0];
    if (!first || first.version > view.version + 1) return this.indexed(itemIds);
    for (const change of this.changes) {
      if (change.version <= view.version) continue;
      for (const id of change.ids) {
        const i = index.get(id);
        if (i === undefined) continue;
        const r = this.items.get(id);
        view.unservable[i] = !r || !r.active ? 1 : 0;
        view.meta[i] = r && r.active ? metaOf(r) : undefined;
      }
    }
    view.version = this.version;
    return view;
  }

  /** Catalogue changed here: update the record, drop its cached view. */
  itemsChanged(records: readonly ItemRecord[]): void {
    for (const r of records) {
      this.items.set(r.id, r);
      this.views.delete(r.id);
      this.json.delete(r.id);
    }
    this.changed(records.map((r) => r.id));
  }

  /** An item was deleted here. */
  itemDeleted(id: string): void {
    this.items.delete(id);
    this.views.delete(id);
    this.json.delete(id);
    this.changed([id]);
  }

  private changed(ids: string[]): void {
    this.version++;
    this.changes.push({ version: this.version, ids });
    this.changedIds += ids.length;
    // Bounded: a view older than the changes kept is rebuilt instead.
    while (this.changedIds > MAX_CHANGED_IDS && this.changes.length > 1)
      this.changedIds -= this.changes.shift()!.ids.length;
  }
}

/** Changed item ids remembered for patching views (beyond this a view is rebuilt). */
const MAX_CHANGED_IDS = 10_000;

/**
 * Every item, in pages with a turn of the event loop between them: SQLite answers synchronously, and
 * reading a large catalogue in one go held up the requests of the process reloading it.
 */
async function readAll(store: Store, onItem: (r: ItemRecord) => void): Promise<void> {
  let n = 0;
  for await (const r of store.items.all(500)) {
    onItem(r);
    if (++n % 500 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** What rules and diversity look at. */
function metaOf(r: ItemRecord): ItemMeta {
  const attributes: Record<string, string | number | boolean | readonly string[]> = { ...r.attributes };
  return {
    ...(r.category !== null ? { category: r.category } : {}),
    ...(r.price !== null ? { price: r.price } : {}),
    // Stock that is not tracked (null) counts as available.
    ...(r.stock !== null ? { inStock: r.stock > 0 } : {}),
    ...(r.brand !== null ? { brand: r.brand } : {}),
    attributes,
  };
}
