/** Experiments, their exposures and computed read-outs; the per-unit metric sums are aggregated in SQL. */
import { sql, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import { chunked, decodeBool, decodeJson, encodeBool, encodeJson } from '../codec.js';
import type { Database } from '../database.js';
import type { DialectAdapter } from '../dialects/dialect-adapter.js';
import type { ExperimentsTable } from '../experiment-tables.js';
import { DAY_MS } from '../../domain/index.js';

/** What a metric counts per exposed unit, from events at or after the unit's first exposure. */
export const METRIC_TYPES = [
  'conversion',
  'click',
  'add_to_cart',
  'revenue',
  'aov',
  'custom',
  'item_revenue',
  'item_profit',
] as const;
/** A metric type. */
export type MetricType = (typeof METRIC_TYPES)[number];

/** A metric an experiment is judged on; the first is the primary one. */
export interface MetricDefinition {
  name: string;
  type: MetricType;
  /** For `custom`: the event type counted. */
  event?: string;
  /** For `item_revenue` and `item_profit`: the item whose purchases count (a price experiment's item). */
  itemId?: string;
  /** For `item_profit`: the item's unit cost, taken off each unit's revenue. */
  unitCost?: number;
  /** Use the unit's same metric over the 14 days before exposure as a CUPED covariate. */
  cuped?: boolean;
  higherIsBetter?: boolean;
}

/** One arm: its share and the settings the surface applies for it (model, ranking, message, flag values). */
export interface VariantDefinition {
  name: string;
  weight: number;
  config: Record<string, unknown>;
}

/** A stored experiment. */
export interface ExperimentRecord {
  id: string;
  name: string;
  description: string | null;
  surface: string;
  kind: 'ab' | 'bandit';
  status: 'draft' | 'running' | 'stopped';
  salt: string;
  variants: VariantDefinition[];
  metrics: MetricDefinition[];
  traffic: number;
  layer: { name: string; start: number; end: number } | null;
  segmentId: string | null;
  sequential: boolean;
  correction: 'holm' | 'benjamini-hochberg' | 'none';
  minSample: number;
  banditFloor: number;
  createdAt: number;
  updatedAt: number;
  startedAt: number | null;
  stoppedAt: number | null;
}

/** One exposure to record. */
export interface ExposureRow {
  experimentId: string;
  unitId: string;
  variant: string;
  customerId: string | null;
  anonymousId: string | null;
  exposedAt: number;
}

/** Sums of one metric over units in one variant and exposure day. */
export interface MetricSumsRow {
  sum: number;
  sumSquares: number;
  /** For ratio metrics (aov: orders). */
  denominatorSum: number;
  denominatorSumSquares: number;
  denominatorProduct: number;
  /** For CUPED: the pre-period value. */
  preSum: number;
  preSumSquares: number;
  preProduct: number;
}

/** Per variant and exposure day: units and every metric's sums. */
export interface VariantDayRow {
  variant: string;
  day: number;
  units: number;
  metrics: MetricSumsRow[];
}

/** One event that can be a touchpoint or a conversion, for attribution (ordered by unit, then time). */
export interface TouchRow {
  unit: string;
  ts: number;
  type: string;
  channel: string;
  sessionId: string | null;
  revenue: number | null;
  orderId: string | null;
  /** The surface of the recommendation list the event came from. */
  surface: string | null;
  /** The campaign or message the event came from (properties.campaign or utm_campaign). */
  campaign: string | null;
}

/** The CUPED pre-period. */
export const CUPED_PRE_PERIOD_MS = 14 * DAY_MS;

/** Experiment persistence. */
export class ExperimentRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly adapter: DialectAdapter,
  ) {}

  /** Inserts a new experiment (the name must be unused). */
  async insert(e: ExperimentRecord): Promise<void> {
    await this.db.insertInto('experiments').values(toRow(e)).execute();
  }

  /** Replaces an experiment's stored fields; returns whether it existed. */
  async update(e: ExperimentRecord): Promise<boolean> {
    const { id: _id, ...row } = toRow(e);
    const result = await this.db.updateTable('experiments').set(row).where('id', '=', e.id).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** One experiment. */
  async get(id: string): Promise<ExperimentRecord | undefined> {
    const row = await this.db.selectFrom('experiments').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  /** One experiment by name. */
  async getByName(name: string): Promise<ExperimentRecord | undefined> {
    const row = await this.db.selectFrom('experiments').selectAll().where('name', '=', name).executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  /** Every experiment, newest first; optionally only those with a status. */
  async list(status?: ExperimentRecord['status']): Promise<ExperimentRecord[]> {
    let q = this.db.selectFrom('experiments').selectAll();
    if (status) q = q.where('status', '=', status);
    return (await q.orderBy('created_at', 'desc').orderBy('id').execute()).map(fromRow);
  }

  /** Deletes an experiment with its exposures and results; returns whether it existed. */
  async delete(id: string): Promise<boolean> {
    await this.db.deleteFrom('experiment_exposures').where('experiment_id', '=', id).execute();
    await this.db.deleteFrom('experiment_results').where('experiment_id', '=', id).execute();
    const result = await this.db.deleteFrom('experiments').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Records first exposures; a unit already exposed keeps its first row. Returns how many were new. */
  async recordExposures(rows: readonly ExposureRow[]): Promise<number> {
    let added = 0;
    for (const chunk of chunked(rows, 500)) {
      const result = await this.db
        .insertInto('experiment_exposures')
        .values(
          chunk.map((r) => ({
            experiment_id: r.experimentId,
            unit_id: r.unitId,
            variant: r.variant,
            customer_id: r.customerId,
            anonymous_id: r.anonymousId,
            exposed_at: r.exposedAt,
          })),
        )
        .onConflict((oc) => oc.columns(['experiment_id', 'unit_id']).doNothing())
        .executeTakeFirst();
      added += Number(result.numInsertedOrUpdatedRows ?? 0);
    }
    return added;
  }

  /**
   * The variant a unit was already shown, looked up by any of its ids (its customer id and every anonymous id
   * merged into it), so assignment stays sticky across identity merges.
   */
  async priorVariant(experimentId: string, customerId: string | null, anonymousIds: readonly string[]) {
    const ids = [...(customerId !== null ? [customerId] : []), ...anonymousIds];
    if (ids.length === 0) return undefined;
    const row = await this.db
      .selectFrom('experiment_exposures')
      .select(['variant'])
      .where('experiment_id', '=', experimentId)
      .where((eb) =>
        eb.or([
          ...(customerId !== null ? [eb('customer_id', '=', customerId)] : []),
          ...(anonymousIds.length > 0 ? [eb('anonymous_id', 'in', anonymousIds)] : []),
          eb('unit_id', 'in', ids),
        ]),
      )
      .orderBy('exposed_at')
      .limit(1)
      .executeTakeFirst();
    return row?.variant;
  }

  /** Units exposed per variant. */
  async exposureCounts(experimentId: string): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('experiment_exposures')
      .select(['variant', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('experiment_id', '=', experimentId)
      .groupBy('variant')
      .execute();
    return new Map(rows.map((r) => [r.variant, Number(r.n)]));
  }

  /** Deletes every exposure of a customer (by customer id or any of their anonymous ids); returns how many. */
  async deleteExposuresForCustomer(customerId: string, anonymousIds: readonly string[]): Promise<number> {
    let deleted = 0;
    const r = await this.db
      .deleteFrom('experiment_exposures')
      .where((eb) => eb.or([eb('customer_id', '=', customerId), eb('unit_id', '=', customerId)]))
      .executeTakeFirst();
    deleted += Number(r.numDeletedRows);
    for (const chunk of chunked(anonymousIds, 500)) {
      const a = await this.db
        .deleteFrom('experiment_exposures')
        .where((eb) => eb.or([eb('anonymous_id', 'in', chunk), eb('unit_id', 'in', chunk)]))
        .executeTakeFirst();
      deleted += Number(a.numDeletedRows);
    }
    return deleted;
  }

  /**
   * Per variant and day of first exposure: units and each metric's sums over units, computed in SQL: each
   * exposure (resolved to its customer through identity merges) is joined to its events from the CUPED
   * pre-period on, folded to one value per unit, then summed per variant and day.
   */
  async metricSums(experimentId: string, metrics: readonly MetricDefinition[]): Promise<VariantDayRow[]> {
    const pre = metrics.some((m) => m.cuped) ? CUPED_PRE_PERIOD_MS : 0;
    // Per-unit columns, each computed once even when several metrics read it (revenue and aov share one).
    const folds = new Map<string, { alias: string; expr: RawBuilder<unknown> }>();
    const fold = (spec: FoldSpec) => {
      const key = JSON.stringify(spec);
      let f = folds.get(key);
      if (!f) {
        f = { alias: `f${folds.size}`, expr: unitFold(spec) };
        folds.set(key, f);
      }
      return sql.ref(f.alias);
    };
    const outer: RawBuilder<unknown>[] = [];
    metrics.forEach((m, i) => {
      const v = fold(metricFold(m, true));
      outer.push(sql`sum(${v}) as ${sql.ref(`s${i}`)}`, sql`sum(${v} * ${v}) as ${sql.ref(`ss${i}`)}`);
      if (m.type === 'aov') {
        const d = fold({ kind: 'orders' });
        outer.push(
          sql`sum(${d}) as ${sql.ref(`ds${i}`)}`,
          sql`sum(${d} * ${d}) as ${sql.ref(`dss${i}`)}`,
          sql`sum(${v} * ${d}) as ${sql.ref(`dp${i}`)}`,
        );
      }
      if (pre > 0 && m.cuped) {
        const p = fold(metricFold(m, false));
        outer.push(
          sql`sum(${p}) as ${sql.ref(`ps${i}`)}`,
          sql`sum(${p} * ${p}) as ${sql.ref(`pss${i}`)}`,
          sql`sum(${v} * ${p}) as ${sql.ref(`pp${i}`)}`,
        );
      }
    });
    const cols = sql.join([...folds.values()].map((f) => sql`${f.expr} as ${sql.ref(f.alias)}`));
    // Only units with events make rows here (inner joins): a unit without any adds 0 to every sum, so the units
    // themselves are counted apart, from the exposures alone. Each branch walks the covering index
    // experiment_exposures_readout (experiment, customer, unit: migration 018) and groups in its order, so the
    // engine reads no table row of the exposures and folds each unit's events without sorting the units.
    const branch = (from: RawBuilder<unknown>, where: RawBuilder<unknown>) => sql`
      select min(x.variant) as variant, min(x.exposed_at) as exposed_at, ${cols}
      from ${from}
      where x.experiment_id = ${experimentId} and ${where}
      group by x.experiment_id, x.customer_id, x.unit_id`;
    const since = (on: RawBuilder<unknown>) => sql`${on} and e.ts >= x.exposed_at - ${pre}`;
    const day = this.adapter.timeBucket('x.exposed_at', DAY_MS, 0);
    const result = await sql<Record<string, unknown>>`
      select x.variant as variant, ${day} as day, ${sql.join(outer)}
      from (
        ${branch(
          sql`experiment_exposures x join events e on ${since(sql`e.customer_id = x.customer_id`)}`,
          sql`x.customer_id is not null`,
        )}
        union all
        ${branch(
          sql`experiment_exposures x join identities i on i.anonymous_id = x.anonymous_id
            join events e on ${since(sql`e.customer_id = i.customer_id`)}`,
          sql`x.customer_id is null`,
        )}
        union all
        ${branch(
          sql`experiment_exposures x left join identities i on i.anonymous_id = x.anonymous_id
            join events e on ${since(sql`e.anonymous_id = x.anonymous_id`)}`,
          sql`x.customer_id is null and i.customer_id is null`,
        )}
      ) x
      group by x.variant, ${day}`.execute(this.db);
    const units = await this.db
      .selectFrom('experiment_exposures as x')
      .select([
        (eb) => eb.ref('x.variant').as('variant'),
        day.as('day'),
        (eb) => eb.fn.countAll<number | string>().as('units'),
      ])
      .where('x.experiment_id', '=', experimentId)
      .groupBy(['x.variant', day])
      .orderBy(day)
      .orderBy('x.variant')
      .execute();
    const sums = new Map(result.rows.map((r) => [`${String(r.variant)}\u0000${Number(r.day)}`, r]));
    return units.map((u) => {
      const r = sums.get(`${u.variant}\u0000${Number(u.day)}`) ?? {};
      return {
        variant: u.variant,
        day: Number(u.day),
        units: Number(u.units),
        metrics: metrics.map((_m, i) => ({
          sum: num(r[`s${i}`]),
          sumSquares: num(r[`ss${i}`]),
          denominatorSum: num(r[`ds${i}`]),
          denominatorSumSquares: num(r[`dss${i}`]),
          denominatorProduct: num(r[`dp${i}`]),
          preSum: num(r[`ps${i}`]),
          preSumSquares: num(r[`pss${i}`]),
          preProduct: num(r[`pp${i}`]),
        })),
      };
    });
  }
  /**
   * Events since `since` that attribution reads: purchases, searches, clicks, and anything from a campaign or
   * a recommendation list, each with its unit (customer, else anonymous id), in unit and time order.
   */
  async touchRows(since: number): Promise<TouchRow[]> {
    const campaign = this.adapter.jsonText('e.properties', 'campaign');
    const utm = this.adapter.jsonText('e.properties', 'utm_campaign');
    const result = await sql<TouchSqlRow>`
      select coalesce(e.customer_id, e.anonymous_id) as unit, e.ts, e.type, e.channel, e.session_id, e.revenue,
             e.order_id, r.surface, coalesce(${campaign}, ${utm}) as campaign
      from events e
      left join recommendation_log r on r.id = e.recommendation_id
      where e.ts >= ${since} and coalesce(e.customer_id, e.anonymous_id) is not null
      order by 1, 2, e.seq`.execute(this.db);
    return result.rows.map((r) => ({
      unit: r.unit,
      ts: Number(r.ts),
      type: r.type,
      channel: r.channel,
      sessionId: r.session_id,
      revenue: r.revenue === null ? null : Number(r.revenue),
      orderId: r.order_id,
      surface: r.surface ?? null,
      campaign: r.campaign ?? null,
    }));
  }

  /** Stores an experiment's latest read-out. */
  async saveResult(experimentId: string, result: unknown, exposures: number, at: number): Promise<void> {
    await this.db
      .insertInto('experiment_results')
      .values({ experiment_id: experimentId, result: encodeJson(result), exposures, computed_at: at })
      .onConflict((oc) =>
        oc.column('experiment_id').doUpdateSet({ result: encodeJson(result), exposures, computed_at: at }),
      )
      .execute();
  }

  /** The latest stored read-out. */
  async getResult(
    experimentId: string,
  ): Promise<{ result: unknown; exposures: number; computedAt: number } | undefined> {
    const row = await this.db
      .selectFrom('experiment_results')
      .selectAll()
      .where('experiment_id', '=', experimentId)
      .executeTakeFirst();
    return row
      ? {
          result: decodeJson<unknown>(row.result, null),
          exposures: Number(row.exposures),
          computedAt: Number(row.computed_at),
        }
      : undefined;
  }
}

interface TouchSqlRow {
  unit: string;
  ts: number | string;
  type: string;
  channel: string;
  session_id: string | null;
  revenue: number | string | null;
  order_id: string | null;
  surface: string | null;
  campaign: string | null;
}

function num(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}

/** What one per-unit column folds from a unit's joined events. */
type FoldSpec =
  | { kind: 'any'; event: string; after: boolean }
  | { kind: 'count'; event: string; after: boolean }
  | { kind: 'revenue'; after: boolean }
  | { kind: 'item'; itemId: string; unitCost: number; after: boolean }
  | { kind: 'orders' };

/** The per-unit column a metric reads, after exposure (`after`) or in the CUPED pre-period. */
function metricFold(m: MetricDefinition, after: boolean): FoldSpec {
  switch (m.type) {
    case 'conversion':
      return { kind: 'any', event: 'purchase', after };
    case 'click':
    case 'add_to_cart':
      return { kind: 'any', event: m.type, after };
    case 'revenue':
    case 'aov':
      return { kind: 'revenue', after };
    case 'custom':
      return { kind: 'count', event: m.event ?? '', after };
    case 'item_revenue':
    case 'item_profit':
      return {
        kind: 'item',
        itemId: m.itemId ?? '',
        unitCost: m.type === 'item_profit' ? (m.unitCost ?? 0) : 0,
        after,
      };
  }
}

/** The SQL aggregate of one per-unit column over the unit's joined events. */
function unitFold(f: FoldSpec): RawBuilder<unknown> {
  if (f.kind === 'orders') {
    return sql`count(distinct case when e.type = 'purchase' and e.ts >= x.exposed_at then coalesce(e.order_id, e.id) end)`;
  }
  const when = f.after ? sql`e.ts >= x.exposed_at` : sql`e.ts < x.exposed_at`;
  switch (f.kind) {
    case 'any':
      return sql`max(case when e.type = ${f.event} and ${when} then 1 else 0 end)`;
    case 'count':
      return sql`sum(case when e.type = ${f.event} and ${when} then 1 else 0 end)`;
    case 'revenue':
      return sql`coalesce(sum(case when e.type = 'purchase' and ${when} then coalesce(e.revenue, 0) else 0 end), 0)`;
    case 'item':
      // Revenue (less the unit cost per unit sold) of one item's purchases: a price experiment's read-out.
      return sql`coalesce(sum(case when e.type = 'purchase' and e.item_id = ${f.itemId} and ${when}
        then coalesce(e.revenue, 0) - ${f.unitCost} * coalesce(e.quantity, 1) else 0 end), 0)`;
  }
}

function toRow(e: ExperimentRecord) {
  return {
    id: e.id,
    name: e.name,
    description: e.description,
    surface: e.surface,
    kind: e.kind,
    status: e.status,
    salt: e.salt,
    variants: encodeJson(e.variants),
    metrics: encodeJson(e.metrics),
    traffic: e.traffic,
    layer: e.layer?.name ?? null,
    layer_start: e.layer?.start ?? 0,
    layer_end: e.layer?.end ?? 1,
    segment_id: e.segmentId,
    sequential: encodeBool(e.sequential),
    correction: e.correction,
    min_sample: e.minSample,
    bandit_floor: e.banditFloor,
    created_at: e.createdAt,
    updated_at: e.updatedAt,
    started_at: e.startedAt,
    stopped_at: e.stoppedAt,
  };
}

function fromRow(r: Selectable<ExperimentsTable>): ExperimentRecord {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    surface: r.surface,
    kind: r.kind as ExperimentRecord['kind'],
    status: r.status as ExperimentRecord['status'],
    salt: r.salt,
    variants: decodeJson<VariantDefinition[]>(r.variants, []),
    metrics: decodeJson<MetricDefinition[]>(r.metrics, []),
    traffic: Number(r.traffic),
    layer: r.layer === null ? null : { name: r.layer, start: Number(r.layer_start), end: Number(r.layer_end) },
    segmentId: r.segment_id,
    sequential: decodeBool(r.sequential),
    correction: r.correction as ExperimentRecord['correction'],
    minSample: Number(r.min_sample),
    banditFloor: Number(r.bandit_floor),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
    startedAt: r.started_at === null ? null : Number(r.started_at),
    stoppedAt: r.stopped_at === null ? null : Number(r.stopped_at),
  };
}
