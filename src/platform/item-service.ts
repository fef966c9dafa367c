/** Catalogue operations: upsert (one or a batch), patch, delete, read. */
import { NotFoundError, toEpochMs, type ItemInput, type ItemPatch } from '../domain/index.js';
import type { ItemRecord } from '../store/repositories/item-repository.js';
import type { Repositories, Store } from '../store/store.js';
import type { Clock } from './clock.js';

/** Listeners told about catalogue changes (search index, caches). */
export interface ItemChangeListener {
  itemsChanged(items: readonly ItemRecord[]): void;
  itemDeleted(id: string): void;
}

/** Converts a validated input into the stored record. */
export function itemRecordFrom(input: ItemInput, now: number): ItemRecord {
  return {
    id: input.id,
    title: input.title,
    description: input.description ?? null,
    category: input.category ?? null,
    brand: input.brand ?? null,
    price: input.price ?? null,
    currency: input.currency ?? null,
    stock: input.stock ?? null,
    attributes: input.attributes ?? {},
    images: input.images ?? [],
    tags: input.tags ?? [],
    translations: input.translations ?? {},
    active: input.active ?? true,
    createdAt: input.createdAt === undefined ? now : toEpochMs(input.createdAt),
    updatedAt: now,
  };
}

/** The catalogue service. */
export class ItemService {
  private readonly listeners: ItemChangeListener[] = [];

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** Registers a listener for catalogue changes. */
  onChange(listener: ItemChangeListener): void {
    this.listeners.push(listener);
  }

  /** Creates or replaces items, all in one transaction. */
  async upsert(inputs: readonly ItemInput[], repos?: Repositories): Promise<ItemRecord[]> {
    const now = this.clock();
    // Within a batch the last record for an id wins, as if they had been sent one by one.
    const records = [...new Map(inputs.map((i) => [i.id, itemRecordFrom(i, now)])).values()];
    if (repos) await repos.items.upsertMany(records, true);
    else await this.store.transaction((r) => r.items.upsertMany(records, true));
    this.notify(records);
    return records;
  }

  /** Applies a partial update: fields given replace the stored ones (`null` clears), attributes and translations merge by key. */
  async patch(id: string, patch: ItemPatch): Promise<ItemRecord> {
    const updated = await this.store.transaction(async (repos) => {
      const current = await repos.items.get(id);
      if (!current) throw new NotFoundError(`item "${id}" does not exist`);
      const next: ItemRecord = { ...current, updatedAt: this.clock() };
      const { attributes, translations, ...fields } = patch;
      for (const [key, value] of Object.entries(fields)) {
        (next as unknown as Record<string, unknown>)[key] = value ?? null;
      }
      if (attributes) next.attributes = { ...current.attributes, ...attributes };
      if (translations) next.translations = { ...current.translations, ...translations };
      await repos.items.upsertMany([next], true);
      return next;
    });
    this.notify([updated]);
    return updated;
  }

  /** Deletes an item. */
  async delete(id: string): Promise<void> {
    if (!(await this.store.transaction((repos) => repos.items.delete(id))))
      throw new NotFoundError(`item "${id}" does not exist`);
    for (const l of this.listeners) l.itemDeleted(id);
  }

  /** One item. */
  async get(id: string): Promise<ItemRecord> {
    const item = await this.store.items.get(id);
    if (!item) throw new NotFoundError(`item "${id}" does not exist`);
    return item;
  }

  private notify(records: readonly ItemRecord[]): void {
    for (const l of this.listeners) l.itemsChanged(records);
  }
}
