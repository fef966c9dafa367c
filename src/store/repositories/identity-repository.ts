/** Stores anonymous-id → customer links. */
import type { Kysely } from 'kysely';
import type { IdentityLink } from '../../domain/index.js';
import { chunked } from '../codec.js';
import type { Database } from '../database.js';

/** Identity link persistence. */
export class IdentityRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Links an anonymous id to a customer (re-linking moves it). */
  async link(link: IdentityLink): Promise<void> {
    await this.db
      .insertInto('identities')
      .values({ anonymous_id: link.anonymousId, customer_id: link.customerId, merged_at: link.mergedAt })
      .onConflict((oc) =>
        oc.column('anonymous_id').doUpdateSet({ customer_id: link.customerId, merged_at: link.mergedAt }),
      )
      .execute();
  }

  /** The customer each known anonymous id belongs to. */
  async resolve(anonymousIds: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const part of chunked([...new Set(anonymousIds)], 500)) {
      const rows = await this.db
        .selectFrom('identities')
        .select(['anonymous_id', 'customer_id'])
        .where('anonymous_id', 'in', part)
        .execute();
      for (const row of rows) out.set(row.anonymous_id, row.customer_id);
    }
    return out;
  }

  /** All links of one customer. */
  async forCustomer(customerId: string): Promise<IdentityLink[]> {
    const rows = await this.db
      .selectFrom('identities')
      .selectAll()
      .where('customer_id', '=', customerId)
      .orderBy('merged_at')
      .execute();
    return rows.map((r) => ({ anonymousId: r.anonymous_id, customerId: r.customer_id, mergedAt: Number(r.merged_at) }));
  }

  /** Removes all links of one customer; returns how many. */
  async deleteForCustomer(customerId: string): Promise<number> {
    const result = await this.db.deleteFrom('identities').where('customer_id', '=', customerId).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
