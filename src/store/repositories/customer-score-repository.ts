/** Per-customer scores and the record of each analytics run (both replaced by every batch run). */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { chunked, decodeJson, encodeJson } from '../codec.js';
import type { CustomerScoresTable, Database } from '../database.js';

/** One customer's scores; null where the run could not compute a part. */
export interface CustomerScoreRecord {
  customerId: string;
  rfm: { r: number; f: number; m: number; group: string } | null;
  pAlive: number | null;
  expectedPurchases: number | null;
  predictedClv: number | null;
  churnRisk: number | null;
  nextOrderAt: number | null;
  cluster: number | null;
  computedAt: number;
}

/** One analytics run: what was fitted, the clusters and why anything is missing. */
export interface CustomerModelRecord {
  id: string;
  params: Record<string, unknown>;
  clusters: unknown[];
  notes: string[];
  /** The time the run analysed the data at (epoch ms). */
  asOf: number;
  computedAt: number;
}

/** Score and model-run persistence. */
export class CustomerScoreRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Replaces every score with a new run's (call inside a transaction so readers never see half a run). */
  async replaceAll(records: readonly CustomerScoreRecord[]): Promise<void> {
    await this.db.deleteFrom('customer_scores').execute();
    for (const chunk of chunked(records, 400)) {
      await this.db.insertInto('customer_scores').values(chunk.map(toRow)).execute();
    }
  }

  /** Scores by customer id. */
  async getMany(customerIds: readonly string[]): Promise<Map<string, CustomerScoreRecord>> {
    const out = new Map<string, CustomerScoreRecord>();
    for (const chunk of chunked([...new Set(customerIds)], 1000)) {
      const rows = await this.db.selectFrom('customer_scores').selectAll().where('customer_id', 'in', chunk).execute();
      for (const row of rows) out.set(row.customer_id, fromRow(row));
    }
    return out;
  }

  /** One customer's scores. */
  async get(customerId: string): Promise<CustomerScoreRecord | undefined> {
    return (await this.getMany([customerId])).get(customerId);
  }

  /** Every score, in customer id order, a page at a time. */
  async *all(pageSize = 10_000): AsyncGenerator<CustomerScoreRecord> {
    let after: string | undefined;
    for (;;) {
      let query = this.db.selectFrom('customer_scores').selectAll().orderBy('customer_id').limit(pageSize);
      if (after !== undefined) query = query.where('customer_id', '>', after);
      const rows = await query.execute();
      for (const row of rows) yield fromRow(row);
      if (rows.length < pageSize) return;
      after = rows[rows.length - 1]!.customer_id;
    }
  }

  /** Customers per RFM group. */
  async groupCounts(): Promise<Record<string, number>> {
    const rows = await this.db
      .selectFrom('customer_scores')
      .select(['rfm_group', (eb) => eb.fn.countAll<number>().as('n')])
      .where('rfm_group', 'is not', null)
      .groupBy('rfm_group')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.rfm_group!, Number(r.n)]));
  }

  /** Deletes one customer's scores. */
  async delete(customerId: string): Promise<boolean> {
    const result = await this.db.deleteFrom('customer_scores').where('customer_id', '=', customerId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Records a run; returns it with its id. */
  async insertModel(run: Omit<CustomerModelRecord, 'id'>): Promise<CustomerModelRecord> {
    const record = { id: randomUUID(), ...run };
    await this.db
      .insertInto('customer_models')
      .values({
        id: record.id,
        params: encodeJson(record.params),
        clusters: encodeJson(record.clusters),
        notes: encodeJson(record.notes),
        as_of: record.asOf,
        computed_at: record.computedAt,
      })
      .execute();
    return record;
  }

  /** The latest run, if any. */
  async latestModel(): Promise<CustomerModelRecord | undefined> {
    const row = await this.db
      .selectFrom('customer_models')
      .selectAll()
      .orderBy('computed_at', 'desc')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      id: row.id,
      params: decodeJson(row.params, {}),
      clusters: decodeJson(row.clusters, []),
      notes: decodeJson(row.notes, []),
      asOf: Number(row.as_of),
      computedAt: Number(row.computed_at),
    };
  }
}

/** NaN and Infinity have no place in SQL numbers (or JSON): they are stored as null. */
const finite = (v: number | null): number | null => (v !== null && Number.isFinite(v) ? v : null);
const num = (v: number | null): number | null => (v === null ? null : Number(v));

function toRow(r: CustomerScoreRecord) {
  return {
    customer_id: r.customerId,
    rfm_r: r.rfm?.r ?? null,
    rfm_f: r.rfm?.f ?? null,
    rfm_m: r.rfm?.m ?? null,
    rfm_group: r.rfm?.group ?? null,
    p_alive: finite(r.pAlive),
    expected_purchases: finite(r.expectedPurchases),
    predicted_clv: finite(r.predictedClv),
    churn_risk: finite(r.churnRisk),
    next_order_at: finite(r.nextOrderAt === null ? null : Math.round(r.nextOrderAt)),
    cluster: r.cluster,
    computed_at: r.computedAt,
  };
}

function fromRow(row: Selectable<CustomerScoresTable>): CustomerScoreRecord {
  return {
    customerId: row.customer_id,
    rfm:
      row.rfm_group === null
        ? null
        : { r: Number(row.rfm_r), f: Number(row.rfm_f), m: Number(row.rfm_m), group: row.rfm_group },
    pAlive: num(row.p_alive),
    expectedPurchases: num(row.expected_purchases),
    predictedClv: num(row.predicted_clv),
    churnRisk: num(row.churn_risk),
    nextOrderAt: num(row.next_order_at),
    cluster: num(row.cluster),
    computedAt: Number(row.computed_at),
  };
}
