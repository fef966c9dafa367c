/** Stores and reads customers. */
import type { Insertable, Kysely, Selectable } from 'kysely';
import { chunked, decodeBool, decodeJson, encodeBool, encodeJson } from '../codec.js';
import type { CustomersTable, Database } from '../database.js';
import type { DialectAdapter } from '../dialects/dialect-adapter.js';
import { containsText } from './text-match.js';

/** A customer row as written. */
export interface CustomerRecord {
  id: string;
  traits: Record<string, unknown>;
  consent: { email: boolean; sms: boolean; push: boolean };
  createdAt: number;
  updatedAt: number;
}

/** Customer persistence. */
export class CustomerRepository {
  /** Ids known to exist, remembered only within one transaction (a bulk import is one), never across. */
  private readonly ensured: Set<string> | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    inTransaction = false,
    private readonly adapter?: DialectAdapter,
  ) {
    this.ensured = inTransaction ? new Set() : undefined;
  }

  /** One customer, or undefined. */
  async get(id: string): Promise<CustomerRecord | undefined> {
    const row = await this.db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
    return row && fromRow(row);
  }

  /** Several customers by id. */
  async getMany(ids: readonly string[]): Promise<Map<string, CustomerRecord>> {
    const out = new Map<string, CustomerRecord>();
    for (const part of chunked([...new Set(ids)], 500)) {
      const rows = await this.db.selectFrom('customers').selectAll().where('id', 'in', part).execute();
      for (const row of rows) out.set(row.id, fromRow(row));
    }
    return out;
  }

  /** Inserts or fully replaces customers (creation time kept for existing ones). */
  async upsertMany(records: readonly CustomerRecord[]): Promise<void> {
    for (const part of chunked(records, 500)) {
      await this.db
        .insertInto('customers')
        .values(part.map(toRow))
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            traits: eb.ref('excluded.traits'),
            consent_email: eb.ref('excluded.consent_email'),
            consent_sms: eb.ref('excluded.consent_sms'),
            consent_push: eb.ref('excluded.consent_push'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    }
  }

  /** Creates bare customers for ids first seen in events; existing customers are left as they are. */
  async ensureExist(firstSeen: ReadonlyMap<string, number>, now: number): Promise<void> {
    const ids = this.ensured ? [...firstSeen.keys()].filter((id) => !this.ensured!.has(id)) : [...firstSeen.keys()];
    // In one order everywhere: two processes inserting the same new ids in opposite orders would deadlock. The
    // default sort compares strings by UTF-16 code units, as `<` does, without a call into a comparator per pair.
    ids.sort();
    const fresh = ids.map((id): [string, number] => [id, firstSeen.get(id)!]);
    for (const id of ids) this.ensured?.add(id);
    if (fresh.length === 0) return;
    if (this.adapter?.insertBareCustomers) {
      for (const part of chunked(fresh, 5000))
        await this.adapter.insertBareCustomers(
          this.db,
          part.map(([id]) => id),
          part.map(([, at]) => at),
          now,
        );
      return;
    }
    const rows = fresh.map(([id, at]) =>
      toRow({ id, traits: {}, consent: { email: false, sms: false, push: false }, createdAt: at, updatedAt: now }),
    );
    for (const part of chunked(rows, 500)) {
      await this.db
        .insertInto('customers')
        .values(part)
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    }
  }

  /** Deletes a customer; returns whether it existed. */
  async delete(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('customers').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** A page of customers ordered by id. */
  async list(options: { limit: number; after?: string; q?: string }): Promise<CustomerRecord[]> {
    let query = this.db.selectFrom('customers').selectAll().orderBy('id').limit(options.limit);
    if (options.after !== undefined) query = query.where('id', '>', options.after);
    if (options.q !== undefined) {
      const q = options.q;
      // Id, or the name and email traits (the ones a console shows), read through the dialect's JSON access.
      const traits = this.adapter
        ? [this.adapter.jsonText('traits', 'name'), this.adapter.jsonText('traits', 'email')]
        : [];
      query = query.where((eb) => eb.or([eb.ref('id'), ...traits].map((e) => containsText(e, q))));
    }
    return (await query.execute()).map(fromRow);
  }

  /** Number of customers. */
  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('customers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}

function toRow(r: CustomerRecord): Insertable<CustomersTable> {
  return {
    id: r.id,
    traits: encodeJson(r.traits),
    consent_email: encodeBool(r.consent.email),
    consent_sms: encodeBool(r.consent.sms),
    consent_push: encodeBool(r.consent.push),
    created_at: r.createdAt,
    updated_at: r.updatedAt,
  };
}

function fromRow(row: Selectable<CustomersTable>): CustomerRecord {
  return {
    id: row.id,
    traits: decodeJson(row.traits, {}),
    consent: {
      email: decodeBool(row.consent_email),
      sms: decodeBool(row.consent_sms),
      push: decodeBool(row.consent_push),
    },
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}
