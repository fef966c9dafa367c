/** Stores and reads catalogue items. */
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Item } from '../../domain/index.js';
import { chunked, decodeBool, decodeJson, encodeBool, encodeJson } from '../codec.js';
import type { Database, ItemsTable } from '../database.js';
import { containsText } from './text-match.js';

/** An item row as written: the API item's fields (one list, `ItemSchema`), every one resolved, times in epoch ms. */
export type ItemRecord = Omit<Item, 'createdAt' | 'updatedAt'> & { createdAt: number; updatedAt: number };

/** Options for listing items. */
export interface ListItemsOptions {
  limit: number;
  /** Return ids after this one (keyset pagination by id). */
  after?: string;
  category?: string;
  /** Only items whose id or title contains this text (case-insensitive). */
  q?: string;
}

/** Item persistence. */
export class ItemRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** One item, or undefined. */
  async get(id: string): Promise<ItemRecord | undefined> {
    const row = await this.db.selectFrom('items').selectAll().where('id', '=', id).executeTakeFirst();
    return row && fromRow(row);
  }

  /** Several items by id (missing ids are absent from the result). */
  async getMany(ids: readonly string[]): Promise<Map<string, ItemRecord>> {
    const out = new Map<string, ItemRecord>();
    for (const part of chunked([...new Set(ids)], 500)) {
      const rows = await this.db.selectFrom('items').selectAll().where('id', 'in', part).execute();
      for (const row of rows) out.set(row.id, fromRow(row));
    }
    return out;
  }

  /** Which of the given ids exist. */
  async existingIds(ids: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (const part of chunked([...new Set(ids)], 500)) {
      const rows = await this.db.selectFrom('items').select('id').where('id', 'in', part).execute();
      for (const row of rows) out.add(row.id);
    }
    return out;
  }

  /** Inserts or fully replaces items; an existing item keeps its creation time unless one is given. */
  async upsertMany(records: readonly ItemRecord[], keepCreatedAt = true): Promise<void> {
    for (const part of chunked(records, 200)) {
      await this.db
        .insertInto('items')
        .values(part.map(toRow))
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            title: eb.ref('excluded.title'),
            description: eb.ref('excluded.description'),
            category: eb.ref('excluded.category'),
            brand: eb.ref('excluded.brand'),
            price: eb.ref('excluded.price'),
            currency: eb.ref('excluded.currency'),
            stock: eb.ref('excluded.stock'),
            attributes: eb.ref('excluded.attributes'),
            images: eb.ref('excluded.images'),
            tags: eb.ref('excluded.tags'),
            translations: eb.ref('excluded.translations'),
            active: eb.ref('excluded.active'),
            updated_at: eb.ref('excluded.updated_at'),
            ...(keepCreatedAt ? {} : { created_at: eb.ref('excluded.created_at') }),
          })),
        )
        .execute();
    }
  }

  /** Deletes an item; returns whether it existed. */
  async delete(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('items').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** A page of items ordered by id. */
  async list(options: ListItemsOptions): Promise<ItemRecord[]> {
    let query = this.db.selectFrom('items').selectAll().orderBy('id').limit(options.limit);
    if (options.after !== undefined) query = query.where('id', '>', options.after);
    if (options.q !== undefined) {
      const q = options.q;
      query = query.where((eb) => eb.or([containsText(eb.ref('id'), q), containsText(eb.ref('title'), q)]));
    }
    if (options.category !== undefined) {
      const prefix = options.category;
      // substr rather than LIKE: category names may contain % or _, and the engines escape LIKE differently.
      query = query.where((eb) =>
        eb.or([
          eb('category', '=', prefix),
          eb(eb.fn<string>('substr', ['category', eb.val(1), eb.val(prefix.length + 1)]), '=', `${prefix}/`),
        ]),
      );
    }
    return (await query.execute()).map(fromRow);
  }

  /** Every item, in pages (for building indexes and models). */
  async *all(pageSize = 2000): AsyncGenerator<ItemRecord> {
    let after: string | undefined;
    for (;;) {
      const page = await this.list({ limit: pageSize, ...(after !== undefined ? { after } : {}) });
      yield* page;
      if (page.length < pageSize) return;
      after = page[page.length - 1]!.id;
    }
  }

  /** Ids and update times of items changed at or after `ms` (or of every item without it), for index catch-up. */
  async changedSince(ms?: number): Promise<{ id: string; updatedAt: number }[]> {
    let query = this.db.selectFrom('items').select(['id', 'updated_at']);
    if (ms !== undefined) query = query.where('updated_at', '>=', ms);
    return (await query.execute()).map((r) => ({ id: r.id, updatedAt: Number(r.updated_at) }));
  }

  /** Number of items. */
  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('items')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}

function toRow(r: ItemRecord): Insertable<ItemsTable> {
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    category: r.category,
    brand: r.brand,
    price: r.price,
    currency: r.currency,
    stock: r.stock,
    attributes: encodeJson(r.attributes),
    images: encodeJson(r.images),
    tags: encodeJson(r.tags),
    translations: encodeJson(r.translations),
    active: encodeBool(r.active),
    created_at: r.createdAt,
    updated_at: r.updatedAt,
  };
}

function fromRow(row: Selectable<ItemsTable>): ItemRecord {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    category: row.category,
    brand: row.brand,
    price: row.price,
    currency: row.currency,
    stock: row.stock,
    attributes: decodeJson(row.attributes, {}),
    images: decodeJson(row.images, []),
    tags: decodeJson(row.tags, []),
    translations: decodeJson(row.translations, {}),
    active: decodeBool(row.active),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}
