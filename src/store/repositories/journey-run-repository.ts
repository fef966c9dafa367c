/** Stores each customer's place in each journey, and how many runs reached each step. */
import { sql, type Kysely, type Selectable } from 'kysely';
import { chunked, decodeBool, decodeJson, encodeBool, encodeJson } from '../codec.js';
import type { Database, JourneyRunsTable } from '../database.js';
import type { DialectName } from '../dialects/dialect-adapter.js';
import { insertRows } from '../dialects/row-insert.js';

/** Where a run is in its life. */
export type RunStatus = 'active' | 'completed' | 'exited';

/** A customer's run through one journey version. */
export interface JourneyRunRecord {
  id: string;
  journeyId: string;
  version: number;
  customerId: string;
  status: RunStatus;
  node: string | null;
  wakeAt: number | null;
  armed: string | null;
  waitingFor: string | null;
  holdout: boolean;
  trigger: Record<string, unknown>;
  enteredAt: number;
  updatedAt: number;
  exitReason: string | null;
}

/** Counts of runs by status and exit reason. */
export interface RunCounts {
  entered: number;
  active: number;
  waiting: number;
  holdout: number;
  byReason: Record<string, number>;
}

/** Journey run persistence. */
export class JourneyRunRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: DialectName,
  ) {}

  /**
   * `status` for a filter that must not choose the index: SQLite without statistics took `customer_id in (…)
   * and status = 'active'` through the (status, wake_at) index, reading every active run for each page of
   * customers (placement slowed as runs grew: 9 of 15 s at 100,000). `+status` keeps it off that index.
   */
  private get statusUnindexed() {
    return this.dialect === 'sqlite' ? sql<string>`+status` : sql<string>`status`;
  }

  /** Inserts new runs. */
  async insertMany(runs: readonly JourneyRunRecord[]): Promise<void> {
    await insertRows(this.db, this.dialect, 'journey_runs', RUN_COLUMNS, runs.map(toValues));
  }

  /** Writes runs' positions (status, node, timers, exit reason). */
  async updateMany(runs: readonly JourneyRunRecord[]): Promise<void> {
    for (const r of runs) {
      await this.db
        .updateTable('journey_runs')
        .set({
          status: r.status,
          node: r.node,
          wake_at: r.wakeAt,
          armed: r.armed,
          waiting_for: r.waitingFor,
          updated_at: r.updatedAt,
          exit_reason: r.exitReason,
        })
        .where('id', '=', r.id)
        .execute();
    }
  }

  /** One run. */
  async get(id: string): Promise<JourneyRunRecord | undefined> {
    const row = await this.db.selectFrom('journey_runs').selectAll().where('id', '=', id).executeTakeFirst();
    return row && fromRow(row);
  }

  /** Active runs due at `now`, earliest first. */
  async due(now: number, limit: number): Promise<JourneyRunRecord[]> {
    const rows = await this.db
      .selectFrom('journey_runs')
      .selectAll()
      .where('status', '=', 'active')
      .where('wake_at', '<=', now)
      .orderBy('wake_at')
      .limit(limit)
      .execute();
    return rows.map(fromRow);
  }

  /** Every active run of some customers. */
  async activeFor(customerIds: readonly string[]): Promise<JourneyRunRecord[]> {
    const out: JourneyRunRecord[] = [];
    for (const part of chunked([...new Set(customerIds)], 500)) {
      const rows = await this.db
        .selectFrom('journey_runs')
        .selectAll()
        .where('customer_id', 'in', part)
        .where(this.statusUnindexed, '=', 'active')
        .execute();
      out.push(...rows.map(fromRow));
    }
    return out;
  }

  /** For one journey: which of the customers have a run, and whether one is active (for re-entry rules). */
  async presence(journeyId: string, customerIds: readonly string[]): Promise<Map<string, 'active' | 'finished'>> {
    const out = new Map<string, 'active' | 'finished'>();
    for (const part of chunked([...new Set(customerIds)], 500)) {
      const rows = await this.db
        .selectFrom('journey_runs')
        .select(['customer_id', 'status'])
        .where('journey_id', '=', journeyId)
        .where('customer_id', 'in', part)
        .execute();
      for (const r of rows)
        if (r.status === 'active' || !out.has(r.customer_id))
          out.set(r.customer_id, r.status === 'active' ? 'active' : 'finished');
    }
    return out;
  }

  /** A page of a journey's runs, newest first. */
  async list(
    journeyId: string,
    options: { limit: number; status?: RunStatus; customerId?: string },
  ): Promise<JourneyRunRecord[]> {
    let query = this.db
      .selectFrom('journey_runs')
      .selectAll()
      .where('journey_id', '=', journeyId)
      .orderBy('entered_at', 'desc')
      .limit(options.limit);
    if (options.status) query = query.where('status', '=', options.status);
    if (options.customerId) query = query.where('customer_id', '=', options.customerId);
    return (await query.execute()).map(fromRow);
  }

  /** Every run of one customer, newest first. */
  async forCustomer(customerId: string): Promise<JourneyRunRecord[]> {
    const rows = await this.db
      .selectFrom('journey_runs')
      .selectAll()
      .where('customer_id', '=', customerId)
      .orderBy('entered_at', 'desc')
      .execute();
    return rows.map(fromRow);
  }

  /** Counts for one journey. */
  async counts(journeyId: string): Promise<RunCounts> {
    const rows = await this.db
      .selectFrom('journey_runs')
      .select((eb) => [
        'status',
        'exit_reason',
        'holdout',
        eb.fn.countAll<number>().as('n'),
        eb.fn.count<number>('waiting_for').as('w'),
      ])
      .where('journey_id', '=', journeyId)
      .groupBy(['status', 'exit_reason', 'holdout'])
      .execute();
    const counts: RunCounts = { entered: 0, active: 0, waiting: 0, holdout: 0, byReason: {} };
    for (const r of rows) {
      const n = Number(r.n);
      counts.entered += n;
      if (decodeBool(r.holdout)) counts.holdout += n;
      if (r.status === 'active') {
        counts.active += n;
        counts.waiting += Number(r.w);
      } else {
        const reason = r.exit_reason ?? r.status;
        counts.byReason[reason] = (counts.byReason[reason] ?? 0) + n;
      }
    }
    return counts;
  }

  /** Adds to per-step counts. */
  async countSteps(journeyId: string, counts: ReadonlyMap<string, number>): Promise<void> {
    for (const [node, n] of counts) {
      await this.db
        .insertInto('journey_step_counts')
        .values({ journey_id: journeyId, node, entered: n })
        .onConflict((oc) =>
          oc
            .columns(['journey_id', 'node'])
            .doUpdateSet((eb) => ({ entered: eb('journey_step_counts.entered', '+', n) })),
        )
        .execute();
    }
  }

  /** Runs that reached each step of a journey. */
  async stepCounts(journeyId: string): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('journey_step_counts')
      .select(['node', 'entered'])
      .where('journey_id', '=', journeyId)
      .execute();
    return new Map(rows.map((r) => [r.node, Number(r.entered)]));
  }

  /**
   * Conversions for measurement: per group (holdout or not), runs, runs whose customer did `eventType` within
   * `windowMs` of entering, and the revenue of those events.
   */
  async conversions(
    journeyId: string,
    eventType: string,
    windowMs: number,
  ): Promise<{ holdout: boolean; runs: number; converted: number; revenue: number }[]> {
    const { rows } = await sql<{ holdout: unknown; runs: unknown; converted: unknown; revenue: unknown }>`
      select r.holdout as holdout, count(distinct r.id) as runs,
        count(distinct case when e.id is not null then r.id end) as converted,
        coalesce(sum(e.revenue), 0) as revenue
      from journey_runs r
      left join events e on e.customer_id = r.customer_id and e.type = ${eventType}
        and e.ts >= r.entered_at and e.ts < r.entered_at + ${windowMs}
      where r.journey_id = ${journeyId}
      group by r.holdout`.execute(this.db);
    return rows.map((r) => ({
      holdout: decodeBool(r.holdout),
      runs: Number(r.runs),
      converted: Number(r.converted),
      revenue: Number(r.revenue),
    }));
  }

  /** Event types each run's customer did since the run entered, with counts (for branch conditions). */
  async eventsSinceEntry(runIds: readonly string[]): Promise<Map<string, Map<string, number>>> {
    const out = new Map<string, Map<string, number>>();
    for (const part of chunked([...new Set(runIds)], 500)) {
      const rows = await this.db
        .selectFrom('journey_runs as r')
        .innerJoin('events as e', (j) =>
          j.onRef('e.customer_id', '=', 'r.customer_id').onRef('e.ts', '>=', 'r.entered_at'),
        )
        .select((eb) => ['r.id as id', 'e.type as type', eb.fn.countAll<number>().as('n')])
        .where('r.id', 'in', part)
        .groupBy(['r.id', 'e.type'])
        .execute();
      for (const r of rows) {
        let m = out.get(r.id);
        if (!m) out.set(r.id, (m = new Map<string, number>()));
        m.set(r.type, Number(r.n));
      }
    }
    return out;
  }

  /** The last position in the event log (0 when empty). */
  async logEnd(): Promise<number> {
    const row = await this.db
      .selectFrom('events')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirst();
    return Number(row?.seq ?? 0);
  }

  /** Ends every active run of a journey (archived); returns how many. */
  async exitAll(journeyId: string, reason: string, now: number): Promise<number> {
    const r = await this.db
      .updateTable('journey_runs')
      .set({
        status: 'exited',
        node: null,
        wake_at: null,
        armed: null,
        waiting_for: null,
        exit_reason: reason,
        updated_at: now,
      })
      .where('journey_id', '=', journeyId)
      .where('status', '=', 'active')
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  /** Deletes every run of a customer (erasure); returns how many. */
  async deleteForCustomer(customerId: string): Promise<number> {
    const r = await this.db.deleteFrom('journey_runs').where('customer_id', '=', customerId).executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}

const RUN_COLUMNS = [
  'id',
  'journey_id',
  'version',
  'customer_id',
  'status',
  'node',
  'wake_at',
  'armed',
  'waiting_for',
  'holdout',
  'trigger',
  'entered_at',
  'updated_at',
  'exit_reason',
] as const;

/** A run's values in {@link RUN_COLUMNS} order. */
function toValues(r: JourneyRunRecord): unknown[] {
  return [
    r.id,
    r.journeyId,
    r.version,
    r.customerId,
    r.status,
    r.node,
    r.wakeAt,
    r.armed,
    r.waitingFor,
    encodeBool(r.holdout),
    encodeJson(r.trigger),
    r.enteredAt,
    r.updatedAt,
    r.exitReason,
  ];
}

const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

function fromRow(row: Selectable<JourneyRunsTable>): JourneyRunRecord {
  return {
    id: row.id,
    journeyId: row.journey_id,
    version: row.version,
    customerId: row.customer_id,
    status: row.status as RunStatus,
    node: row.node,
    wakeAt: num(row.wake_at),
    armed: row.armed,
    waitingFor: row.waiting_for,
    holdout: decodeBool(row.holdout),
    trigger: decodeJson<Record<string, unknown>>(row.trigger, {}),
    enteredAt: Number(row.entered_at),
    updatedAt: Number(row.updated_at),
    exitReason: row.exit_reason,
  };
}
