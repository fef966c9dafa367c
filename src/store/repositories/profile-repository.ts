/** Stored customer profiles: the fold of each customer's events, kept fresh by the profile tailer. */
import type { Kysely } from 'kysely';
import { chunked, decodeJson, encodeJson } from '../codec.js';
import type { Database } from '../database.js';

/** A stored profile. `profile` is the JSON of a customers-library CustomerProfile (the store does not interpret it). */
export interface ProfileRecord<P = unknown> {
  customerId: string;
  profile: P;
  /** Order ids already counted in `profile` (most recent last). */
  recentOrders: string[];
  updatedAt: number;
}

/** Profile persistence. */
export class ProfileRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Inserts or replaces profiles. */
  async upsertMany(records: readonly ProfileRecord[]): Promise<void> {
    for (const chunk of chunked(records, 500)) {
      await this.db
        .insertInto('customer_profiles')
        .values(
          chunk.map((r) => ({
            customer_id: r.customerId,
            profile: encodeJson(r.profile),
            recent_orders: encodeJson(r.recentOrders),
            updated_at: r.updatedAt,
          })),
        )
        .onConflict((oc) =>
          oc.column('customer_id').doUpdateSet((eb) => ({
            profile: eb.ref('excluded.profile'),
            recent_orders: eb.ref('excluded.recent_orders'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    }
  }

  /** One profile. */
  async get<P>(customerId: string): Promise<ProfileRecord<P> | undefined> {
    return (await this.getMany<P>([customerId])).get(customerId);
  }

  /** Profiles by customer id (missing ones are absent from the map). */
  async getMany<P>(customerIds: readonly string[]): Promise<Map<string, ProfileRecord<P>>> {
    const out = new Map<string, ProfileRecord<P>>();
    for (const chunk of chunked([...new Set(customerIds)], 1000)) {
      const rows = await this.db
        .selectFrom('customer_profiles')
        .selectAll()
        .where('customer_id', 'in', chunk)
        .execute();
      for (const row of rows) out.set(row.customer_id, fromRow<P>(row));
    }
    return out;
  }

  /** Every profile in customer id order, a page at a time. */
  async *all<P>(pageSize = 5000): AsyncGenerator<ProfileRecord<P>> {
    let after: string | undefined;
    for (;;) {
      let query = this.db.selectFrom('customer_profiles').selectAll().orderBy('customer_id').limit(pageSize);
      if (after !== undefined) query = query.where('customer_id', '>', after);
      const rows = await query.execute();
      for (const row of rows) yield fromRow<P>(row);
      if (rows.length < pageSize) return;
      after = rows[rows.length - 1]!.customer_id;
    }
  }

  /** Profiles written at or after a time (to catch up on what changed since a snapshot was read). */
  async updatedSince<P>(at: number): Promise<ProfileRecord<P>[]> {
    const rows = await this.db.selectFrom('customer_profiles').selectAll().where('updated_at', '>=', at).execute();
    return rows.map((row) => fromRow<P>(row));
  }

  /** Every customer id with a stored profile. */
  async ids(): Promise<string[]> {
    return (await this.db.selectFrom('customer_profiles').select('customer_id').execute()).map((r) => r.customer_id);
  }

  /** Number of stored profiles. */
  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('customer_profiles')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Deletes one customer's profile; returns whether there was one. */
  async delete(customerId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('customer_profiles')
      .where('customer_id', '=', customerId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Deletes every profile (before a rebuild from the log). */
  async deleteAll(): Promise<number> {
    return Number((await this.db.deleteFrom('customer_profiles').executeTakeFirst()).numDeletedRows);
  }
}

function fromRow<P>(row: {
  customer_id: string;
  profile: unknown;
  recent_orders: unknown;
  updated_at: number;
}): ProfileRecord<P> {
  return {
    customerId: row.customer_id,
    profile: decodeJson<P>(row.profile, null as P),
    recentOrders: decodeJson<string[]>(row.recent_orders, []),
    updatedAt: Number(row.updated_at),
  };
}
