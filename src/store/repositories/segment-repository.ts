/** Saved segments and their materialised membership. */
import type { Kysely, Selectable } from 'kysely';
import { chunked } from '../codec.js';
import type { Database, SegmentsTable } from '../database.js';

/** A saved segment. */
export interface SegmentRecord {
  id: string;
  name: string;
  rule: string;
  description: string | null;
  size: number;
  createdAt: number;
  updatedAt: number;
  evaluatedAt: number | null;
}

/** A member of a segment. */
export interface SegmentMember {
  customerId: string;
  enteredAt: number;
}

/** Pairwise overlap between two segments. */
export interface SegmentOverlapCount {
  a: string;
  b: string;
  both: number;
}

/** Segment persistence. */
export class SegmentRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Inserts a new segment (the name must be unused; the unique index enforces it). */
  async insert(segment: SegmentRecord): Promise<void> {
    await this.db
      .insertInto('segments')
      .values({
        id: segment.id,
        name: segment.name,
        rule: segment.rule,
        description: segment.description,
        size: segment.size,
        created_at: segment.createdAt,
        updated_at: segment.updatedAt,
        evaluated_at: segment.evaluatedAt,
      })
      .execute();
  }

  /** Changes name, rule or description. */
  async update(id: string, fields: { name: string; rule: string; description: string | null }, at: number) {
    const result = await this.db
      .updateTable('segments')
      .set({ ...fields, updated_at: at })
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** One segment. */
  async get(id: string): Promise<SegmentRecord | undefined> {
    const row = await this.db.selectFrom('segments').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  /** One segment by name. */
  async getByName(name: string): Promise<SegmentRecord | undefined> {
    const row = await this.db.selectFrom('segments').selectAll().where('name', '=', name).executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  /** Every segment, by name. */
  async list(): Promise<SegmentRecord[]> {
    return (await this.db.selectFrom('segments').selectAll().orderBy('name').execute()).map(fromRow);
  }

  /** Deletes a segment and its members; returns whether it existed. */
  async delete(id: string): Promise<boolean> {
    await this.db.deleteFrom('segment_members').where('segment_id', '=', id).execute();
    const result = await this.db.deleteFrom('segments').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Records a segment's size and when it was last evaluated. */
  async setSize(id: string, size: number, evaluatedAt: number): Promise<void> {
    await this.db.updateTable('segments').set({ size, evaluated_at: evaluatedAt }).where('id', '=', id).execute();
  }

  /** Counts the members and stores the count as the size. */
  async refreshSize(id: string, evaluatedAt?: number): Promise<number> {
    const row = await this.db
      .selectFrom('segment_members')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('segment_id', '=', id)
      .executeTakeFirstOrThrow();
    const size = Number(row.n);
    await this.db
      .updateTable('segments')
      .set(evaluatedAt === undefined ? { size } : { size, evaluated_at: evaluatedAt })
      .where('id', '=', id)
      .execute();
    return size;
  }

  /** Adds members (ids already in are ignored). */
  async addMembers(segmentId: string, customerIds: readonly string[], enteredAt: number): Promise<void> {
    for (const chunk of chunked(customerIds, 1000)) {
      await this.db
        .insertInto('segment_members')
        .values(chunk.map((customer_id) => ({ segment_id: segmentId, customer_id, entered_at: enteredAt })))
        .onConflict((oc) => oc.columns(['segment_id', 'customer_id']).doNothing())
        .execute();
    }
  }

  /** Removes members. */
  async removeMembers(segmentId: string, customerIds: readonly string[]): Promise<void> {
    for (const chunk of chunked(customerIds, 1000)) {
      await this.db
        .deleteFrom('segment_members')
        .where('segment_id', '=', segmentId)
        .where('customer_id', 'in', chunk)
        .execute();
    }
  }

  /** Every member id of a segment. */
  async memberIds(segmentId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('segment_members')
      .select('customer_id')
      .where('segment_id', '=', segmentId)
      .execute();
    return rows.map((r) => r.customer_id);
  }

  /** Members in customer id order; `after` pages on. */
  async members(segmentId: string, options: { limit: number; after?: string }): Promise<SegmentMember[]> {
    let query = this.db
      .selectFrom('segment_members')
      .select(['customer_id', 'entered_at'])
      .where('segment_id', '=', segmentId)
      .orderBy('customer_id')
      .limit(options.limit);
    if (options.after !== undefined) query = query.where('customer_id', '>', options.after);
    return (await query.execute()).map((r) => ({ customerId: r.customer_id, enteredAt: Number(r.entered_at) }));
  }

  /** The segments each of the given customers is in. */
  async membershipsOf(customerIds: readonly string[]): Promise<Map<string, Map<string, number>>> {
    const out = new Map<string, Map<string, number>>();
    for (const chunk of chunked([...new Set(customerIds)], 1000)) {
      const rows = await this.db
        .selectFrom('segment_members')
        .select(['segment_id', 'customer_id', 'entered_at'])
        .where('customer_id', 'in', chunk)
        .execute();
      for (const r of rows) {
        let mine = out.get(r.customer_id);
        if (!mine) out.set(r.customer_id, (mine = new Map<string, number>()));
        mine.set(r.segment_id, Number(r.entered_at));
      }
    }
    return out;
  }

  /** Removes a customer from every segment (erasure); returns the segments they were in. */
  async removeCustomer(customerId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('segment_members')
      .select('segment_id')
      .where('customer_id', '=', customerId)
      .execute();
    await this.db.deleteFrom('segment_members').where('customer_id', '=', customerId).execute();
    return rows.map((r) => r.segment_id);
  }

  /** Customers in both of each pair of the given segments (pairs with none are absent). */
  async overlap(segmentIds: readonly string[]): Promise<SegmentOverlapCount[]> {
    if (segmentIds.length < 2) return [];
    const rows = await this.db
      .selectFrom('segment_members as a')
      .innerJoin('segment_members as b', 'a.customer_id', 'b.customer_id')
      .select(['a.segment_id as a', 'b.segment_id as b', (eb) => eb.fn.countAll<number>().as('n')])
      .where('a.segment_id', 'in', [...segmentIds])
      .where('b.segment_id', 'in', [...segmentIds])
      .whereRef('a.segment_id', '<', 'b.segment_id')
      .groupBy(['a.segment_id', 'b.segment_id'])
      .execute();
    return rows.map((r) => ({ a: r.a, b: r.b, both: Number(r.n) }));
  }
}

function fromRow(row: Selectable<SegmentsTable>): SegmentRecord {
  return {
    id: row.id,
    name: row.name,
    rule: row.rule,
    description: row.description,
    size: Number(row.size),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    evaluatedAt: row.evaluated_at === null ? null : Number(row.evaluated_at),
  };
}
