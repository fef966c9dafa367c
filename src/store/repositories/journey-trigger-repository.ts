/**
 * What journey triggers on items and dates read: the last price and stock seen per item, catalogue changes
 * after a watermark, who showed interest in an item lately, and whose last order fell in a window.
 */
import type { Kysely } from 'kysely';
import { chunked } from '../codec.js';
import type { Database } from '../database.js';

/** The last price and stock seen for an item. */
export interface ItemState {
  itemId: string;
  price: number | null;
  stock: number | null;
  updatedAt: number;
}

/** A changed item as the catalogue holds it now. */
export interface ItemNow {
  id: string;
  price: number | null;
  stock: number | null;
  active: boolean;
  updatedAt: number;
}

/** Item-state and trigger queries. */
export class JourneyTriggerRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The stored states of some items. */
  async itemStates(itemIds: readonly string[]): Promise<Map<string, ItemState>> {
    const out = new Map<string, ItemState>();
    for (const part of chunked([...new Set(itemIds)], 500)) {
      const rows = await this.db.selectFrom('journey_item_states').selectAll().where('item_id', 'in', part).execute();
      for (const r of rows)
        out.set(r.item_id, {
          itemId: r.item_id,
          price: r.price === null ? null : Number(r.price),
          stock: r.stock === null ? null : Number(r.stock),
          updatedAt: Number(r.updated_at),
        });
    }
    return out;
  }

  /** Stores item states (insert or replace). */
  async saveItemStates(states: readonly ItemState[]): Promise<void> {
    for (const part of chunked(states, 500)) {
      await this.db
        .insertInto('journey_item_states')
        .values(part.map((s) => ({ item_id: s.itemId, price: s.price, stock: s.stock, updated_at: s.updatedAt })))
        .onConflict((oc) =>
          oc.column('item_id').doUpdateSet((eb) => ({
            price: eb.ref('excluded.price'),
            stock: eb.ref('excluded.stock'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    }
  }

  /** A page of items changed after (`updatedAt`, `id`), oldest change first: a stable keyset cursor. */
  async itemsChangedAfter(after: { updatedAt: number; id: string }, limit: number): Promise<ItemNow[]> {
    const rows = await this.db
      .selectFrom('items')
      .select(['id', 'price', 'stock', 'active', 'updated_at'])
      .where((eb) =>
        eb.or([
          eb('updated_at', '>', after.updatedAt),
          eb.and([eb('updated_at', '=', after.updatedAt), eb('id', '>', after.id)]),
        ]),
      )
      .orderBy('updated_at')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      price: r.price === null ? null : Number(r.price),
      stock: r.stock === null ? null : Number(r.stock),
      active: Boolean(r.active),
      updatedAt: Number(r.updated_at),
    }));
  }

  /** Customers with an event of one of `types` on the item at or after `since`, with their latest such time. */
  async interestedIn(itemId: string, types: readonly string[], since: number): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('events')
      .select((eb) => ['customer_id', eb.fn.max('ts').as('at')])
      .where('item_id', '=', itemId)
      .where('ts', '>=', since)
      .where('type', 'in', [...types])
      .where('customer_id', 'is not', null)
      .groupBy('customer_id')
      .execute();
    return new Map(rows.map((r) => [r.customer_id!, Number(r.at)]));
  }

  /**
   * A page (by customer id) of customers whose last `type` event (an order) lies in [from, to): one in the
   * window and none after it.
   */
  async lastEventBetween(
    type: string,
    from: number,
    to: number,
    after: string,
    limit: number,
  ): Promise<{ customerId: string; at: number }[]> {
    const rows = await this.db
      .selectFrom('events as e')
      .select((eb) => ['e.customer_id as customer_id', eb.fn.max('e.ts').as('at')])
      .where('e.type', '=', type)
      .where('e.ts', '>=', from)
      .where('e.ts', '<', to)
      .where('e.customer_id', '>', after)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('events as later')
              .select('later.seq')
              .whereRef('later.customer_id', '=', 'e.customer_id')
              .where('later.type', '=', type)
              .where('later.ts', '>=', to),
          ),
        ),
      )
      .groupBy('e.customer_id')
      .orderBy('e.customer_id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ customerId: r.customer_id!, at: Number(r.at) }));
  }
}
