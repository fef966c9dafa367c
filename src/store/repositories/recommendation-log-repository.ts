/** The log of served recommendation lists and attribution of events that carry their id. */
import type { Kysely } from 'kysely';
import { chunked, encodeJson } from '../codec.js';
import type { Database } from '../database.js';

/** One served list. */
export interface RecommendationLogEntry {
  id: string;
  surface: string;
  customerId: string | null;
  anonymousId: string | null;
  itemIds: string[];
  createdAt: number;
}

/** Attribution figures of one surface. */
export interface SurfaceAttribution {
  surface: string;
  served: number;
  clicks: number;
  purchases: number;
  revenue: number;
}

/** Recommendation log persistence. */
export class RecommendationLogRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Appends served lists (an id already stored is skipped). */
  async insertMany(entries: readonly RecommendationLogEntry[]): Promise<void> {
    // Six columns per row: 500 rows stay far below either engine's parameter limit.
    for (const chunk of chunked(entries, 500)) {
      await this.db
        .insertInto('recommendation_log')
        .values(
          chunk.map((e) => ({
            id: e.id,
            surface: e.surface,
            customer_id: e.customerId,
            anonymous_id: e.anonymousId,
            item_ids: encodeJson(e.itemIds),
            created_at: e.createdAt,
          })),
        )
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    }
  }

  /** Lists served, and clicks, purchases and revenue of events carrying their id, per surface since a time. */
  async attribution(since: number): Promise<SurfaceAttribution[]> {
    const served = await this.db
      .selectFrom('recommendation_log')
      .select(['surface', (eb) => eb.fn.countAll<number>().as('n')])
      .where('created_at', '>=', since)
      .groupBy('surface')
      .execute();
    const events = await this.db
      .selectFrom('events')
      .innerJoin('recommendation_log as r', 'r.id', 'events.recommendation_id')
      .select([
        'r.surface as surface',
        'events.type as type',
        (eb) => eb.fn.countAll<number>().as('n'),
        (eb) => eb.fn.sum<number>('events.revenue').as('revenue'),
      ])
      .where('r.created_at', '>=', since)
      .where('events.type', 'in', ['click', 'purchase'])
      .groupBy(['r.surface', 'events.type'])
      .execute();
    const bySurface = new Map<string, SurfaceAttribution>();
    const of = (surface: string): SurfaceAttribution => {
      let a = bySurface.get(surface);
      if (!a) bySurface.set(surface, (a = { surface, served: 0, clicks: 0, purchases: 0, revenue: 0 }));
      return a;
    };
    for (const r of served) of(r.surface).served = Number(r.n);
    for (const r of events) {
      const a = of(r.surface);
      if (r.type === 'click') a.clicks += Number(r.n);
      else {
        a.purchases += Number(r.n);
        a.revenue += Number(r.revenue ?? 0);
      }
    }
    return [...bySurface.values()].sort((a, b) => a.surface.localeCompare(b.surface));
  }

  /** Deletes the entries of a customer and of their anonymous ids (GDPR erasure of derived data). */
  async deleteForCustomer(customerId: string, anonymousIds: readonly string[] = []): Promise<number> {
    let deleted = Number(
      (await this.db.deleteFrom('recommendation_log').where('customer_id', '=', customerId).executeTakeFirst())
        .numDeletedRows,
    );
    for (const chunk of chunked(anonymousIds, 500)) {
      const r = await this.db.deleteFrom('recommendation_log').where('anonymous_id', 'in', chunk).executeTakeFirst();
      deleted += Number(r.numDeletedRows);
    }
    return deleted;
  }

  /** How many entries name a customer or one of their anonymous ids. */
  async countForCustomer(customerId: string, anonymousIds: readonly string[] = []): Promise<number> {
    let q = this.db.selectFrom('recommendation_log').select((eb) => eb.fn.countAll<number>().as('n'));
    q =
      anonymousIds.length > 0
        ? q.where((eb) => eb.or([eb('customer_id', '=', customerId), eb('anonymous_id', 'in', anonymousIds)]))
        : q.where('customer_id', '=', customerId);
    return Number((await q.executeTakeFirstOrThrow()).n);
  }
}
