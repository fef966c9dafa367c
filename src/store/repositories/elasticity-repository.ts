/** Stores each pricing run's elasticity estimates (replaced whole) and lists them by category, a page at a time. */
import type { Kysely, Selectable } from 'kysely';
import { chunked, decodeJson, encodeJson } from '../codec.js';
import type { Database, ItemElasticitiesTable } from '../database.js';

/** A stored elasticity estimate; `body` is pricing's own record of it. */
export interface StoredElasticity<B = Record<string, unknown>> {
  itemId: string;
  category: string;
  elasticity: number;
  low: number;
  high: number;
  source: string;
  body: B;
  computedAt: number;
}

/** Filters of {@link ElasticityRepository.list}. */
export interface ElasticityListQuery {
  category?: string;
  source?: string;
  limit?: number;
  offset?: number;
}

/** Elasticity persistence. */
export class ElasticityRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Replaces every stored estimate (call inside a transaction: readers see one run or the next, never half). */
  async replaceAll(estimates: readonly StoredElasticity[]): Promise<void> {
    await this.db.deleteFrom('item_elasticities').execute();
    for (const chunk of chunked(estimates, 200))
      await this.db
        .insertInto('item_elasticities')
        .values(
          chunk.map((e) => ({
            item_id: e.itemId,
            category: e.category,
            elasticity: e.elasticity,
            low: e.low,
            high: e.high,
            source: e.source,
            body: encodeJson(e.body),
            computed_at: e.computedAt,
          })),
        )
        .execute();
  }

  /** One item's estimate. */
  async get(itemId: string): Promise<StoredElasticity | undefined> {
    const row = await this.db
      .selectFrom('item_elasticities')
      .selectAll()
      .where('item_id', '=', itemId)
      .executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  /** Estimates by category then item id, with the total that matches. */
  async list(query: ElasticityListQuery = {}): Promise<{ total: number; estimates: StoredElasticity[] }> {
    let q = this.db.selectFrom('item_elasticities');
    if (query.category !== undefined) q = q.where('category', '=', query.category);
    if (query.source !== undefined) q = q.where('source', '=', query.source);
    const total = await q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
    const rows = await q
      .selectAll()
      .orderBy('category')
      .orderBy('item_id')
      .limit(query.limit ?? 50)
      .offset(query.offset ?? 0)
      .execute();
    return { total: Number(total.n), estimates: rows.map(fromRow) };
  }
}

function fromRow(row: Selectable<ItemElasticitiesTable>): StoredElasticity {
  return {
    itemId: row.item_id,
    category: row.category,
    elasticity: Number(row.elasticity),
    low: Number(row.low),
    high: Number(row.high),
    source: row.source,
    body: decodeJson<Record<string, unknown>>(row.body, {}),
    computedAt: Number(row.computed_at),
  };
}
