/** Stores forecast series (replaced whole by each forecasting run) and reads them by level and risk. */
import type { Kysely } from 'kysely';
import { chunked, decodeJson, encodeJson } from '../codec.js';
import type { Database } from '../database.js';

/** A stored forecast series; `body` is the capability's own record (history, forecast, inventory). */
export interface StoredForecastSeries<B = Record<string, unknown>> {
  key: string;
  /** What the series aggregates: 'item', 'category', 'channel' or 'store'. */
  level: string;
  label: string;
  frequency: string;
  /** 0 stock-out, 1 reorder, 2 ok, 3 overstock; null when not tracked. */
  riskRank: number | null;
  body: B;
  computedAt: number;
}

/** Filters for {@link ForecastRepository.list}. */
export interface ForecastListQuery {
  level?: string;
  /** Only these risk ranks. */
  riskRanks?: number[];
  limit?: number;
  offset?: number;
}

/** Forecast series persistence. */
export class ForecastRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Replaces every stored series with `series` (call inside a transaction: readers see old or new, never half). */
  async replaceAll(series: readonly StoredForecastSeries[]): Promise<void> {
    await this.db.deleteFrom('forecast_series').execute();
    for (const chunk of chunked(series, 200)) {
      await this.db
        .insertInto('forecast_series')
        .values(
          chunk.map((s) => ({
            key: s.key,
            level: s.level,
            label: s.label,
            frequency: s.frequency,
            risk_rank: s.riskRank,
            body: encodeJson(s.body),
            computed_at: s.computedAt,
          })),
        )
        .execute();
    }
  }

  /** One series by key. */
  async get(key: string): Promise<StoredForecastSeries | undefined> {
    const row = await this.db.selectFrom('forecast_series').selectAll().where('key', '=', key).executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  /** Series of a level, most at risk first, then by label. */
  async list(query: ForecastListQuery = {}): Promise<{ total: number; series: StoredForecastSeries[] }> {
    let q = this.db.selectFrom('forecast_series');
    if (query.level) q = q.where('level', '=', query.level);
    if (query.riskRanks && query.riskRanks.length > 0) q = q.where('risk_rank', 'in', query.riskRanks);
    const total = await q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
    const rows = await q
      .selectAll()
      // Rows without a risk sort after those with one on both engines.
      .orderBy((eb) => eb.case().when('risk_rank', 'is', null).then(1).else(0).end())
      .orderBy('risk_rank')
      .orderBy('label')
      .orderBy('key')
      .limit(query.limit ?? 50)
      .offset(query.offset ?? 0)
      .execute();
    return { total: Number(total.n), series: rows.map(fromRow) };
  }

  /** Risk rank of every item series that has one, by key (what the next run compares its flags with). */
  async riskRanks(): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('forecast_series')
      .select(['key', 'risk_rank'])
      .where('level', '=', 'item')
      .where('risk_rank', 'is not', null)
      .execute();
    return new Map(rows.map((r) => [r.key, Number(r.risk_rank)]));
  }

  /**
   * Item series with one of `riskRanks`, in (computed at, key) order after `cursor`: the journeys' stock
   * triggers page through each run's flags with it.
   */
  async flaggedAfter(
    cursor: { computedAt: number; key: string },
    riskRanks: readonly number[],
    limit: number,
  ): Promise<StoredForecastSeries[]> {
    const rows = await this.db
      .selectFrom('forecast_series')
      .selectAll()
      .where('level', '=', 'item')
      .where('risk_rank', 'in', [...riskRanks])
      .where((eb) =>
        eb.or([
          eb('computed_at', '>', cursor.computedAt),
          eb.and([eb('computed_at', '=', cursor.computedAt), eb('key', '>', cursor.key)]),
        ]),
      )
      .orderBy('computed_at')
      .orderBy('key')
      .limit(limit)
      .execute();
    return rows.map(fromRow);
  }

  /** Counts per risk rank of item series. */
  async riskCounts(): Promise<Record<number, number>> {
    const rows = await this.db
      .selectFrom('forecast_series')
      .select(['risk_rank', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('risk_rank', 'is not', null)
      .groupBy('risk_rank')
      .execute();
    return Object.fromEntries(rows.map((r) => [Number(r.risk_rank), Number(r.n)]));
  }
}

function fromRow(row: {
  key: string;
  level: string;
  label: string;
  frequency: string;
  risk_rank: number | null;
  body: unknown;
  computed_at: number | string;
}): StoredForecastSeries {
  return {
    key: row.key,
    level: row.level,
    label: row.label,
    frequency: row.frequency,
    riskRank: row.risk_rank === null ? null : Number(row.risk_rank),
    body: decodeJson<Record<string, unknown>>(row.body, {}),
    computedAt: Number(row.computed_at),
  };
}
