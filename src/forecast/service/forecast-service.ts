/**
 * Demand forecasts of the store: daily, weekly or monthly purchase units per item, category, channel and the whole store,
 * forecast on worker threads, with inventory status for items whose stock is tracked, stored whole so
 * readers never see half a run. Also forecasts histories a caller sends (the API's ad-hoc endpoint).
 */
import type { Clock } from '../../platform/clock.js';
import type { StoredForecastSeries } from '../../store/repositories/forecast-repository.js';
import type { Store } from '../../store/store.js';
import { forecastHistory, type HistoryForecast } from '../forecast-history.js';
import type { HistorySeries } from '../history.js';
import { inventoryStatus, type InventoryStatus, type StockRisk } from '../inventory.js';
import { bucketPeriod, iso, periodDays, type SalesFrequency } from '../periods.js';
import type { EventSpan } from '../retail-events.js';
import { forecastBatchOnThreads } from './forecast-threads.js';
import { HISTORY_READ_MS, periodSales } from './weekly-sales.js';

/** Ranks of risks in the inventory table (most urgent first). */
export const RISK_RANK: Record<StockRisk, number> = { stockout: 0, reorder: 1, ok: 2, overstock: 3 };
/** The risk of a rank. */
export const RISK_OF_RANK: readonly StockRisk[] = ['stockout', 'reorder', 'ok', 'overstock'];

/** Options of a forecasting run. */
export interface ForecastRunOptions {
  /** Periods the purchases are bucketed by (default week). */
  frequency?: SalesFrequency;
  /** Periods ahead (default 28 days, 12 weeks or 6 months). */
  horizon?: number;
  /** Default lead time when an item has no `leadTimeDays` attribute (default 14). */
  leadTimeDays?: number;
  serviceLevel?: number;
  promotions?: EventSpan[];
  onProgress?: (fraction: number, message: string) => void | Promise<void>;
}

/** What a run did. */
export interface ForecastRunSummary {
  series: number;
  items: number;
  frequency: SalesFrequency;
  /** Periods of history read. */
  periods: number;
  /** Weeks of history read (weekly runs; kept for older readers). */
  weeks?: number;
  /** Whether the intervals are calibrated on the pooled backtest errors (else normal). */
  intervalsCalibrated: boolean;
  risks: Record<StockRisk, number>;
  globalModelUsed: boolean;
  computedAt: number;
}

/** The record stored per series. */
export interface ForecastBody {
  history: { periods: string[]; values: number[] };
  forecast: { periods: string[]; mean: number[]; intervals: { level: number; lower: number[]; upper: number[] }[] };
  components: { model: string; weight: number }[];
  /** With the flag of the previous run (null when the item had none), so journeys fire on a change only. */
  inventory?: InventoryStatus & { stock: number; leadTimeDays: number; previousRisk: StockRisk | null };
}

/** Periods of history kept in a stored series (for charts). */
const HISTORY_KEPT = 104;
/** Default horizon per frequency. */
export const DEFAULT_HORIZON: Record<SalesFrequency, number> = { day: 28, week: 12, month: 6 };

const round = (v: number) => Math.round(v * 1000) / 1000;

/** Forecasting over the store. */
export class ForecastService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** Forecasts every series from the purchase log and replaces the stored forecasts. */
  async run(options: ForecastRunOptions = {}): Promise<ForecastRunSummary> {
    const now = this.clock();
    const frequency = options.frequency ?? 'week';
    const horizon = options.horizon ?? DEFAULT_HORIZON[frequency];
    await options.onProgress?.(0, 'reading purchases');
    const sales = await periodSales(this.store, now, frequency, now - HISTORY_READ_MS[frequency]);
    const series: HistorySeries[] = [];
    for (const [key, values] of sales.units) {
      // Start each series at its first sale: periods before an item existed are not zero demand.
      let start = 0;
      while (start < values.length - 1 && values[start] === 0) start++;
      const periods = Array.from({ length: values.length - start }, (_, k) =>
        bucketPeriod(sales.first, start + k, frequency),
      );
      series.push({ id: key, frequency, periods, values: values.slice(start) });
    }
    await options.onProgress?.(0.1, `forecasting ${series.length} series`);
    const result = series.length
      ? await forecastHistory(
          series,
          {
            horizon,
            ...(options.promotions ? { promotions: options.promotions } : {}),
            onProgress: (done, total) =>
              void options.onProgress?.(0.1 + (0.8 * done) / total, `forecast ${done} of ${total}`),
          },
          (batch, o) => forecastBatchOnThreads(batch, o),
        )
      : {
          forecasts: [],
          global: {} as Partial<Record<string, { used: boolean } | null>>,
          calibrated: {} as Partial<Record<string, boolean>>,
        };
    const risks: Record<StockRisk, number> = { stockout: 0, reorder: 0, ok: 0, overstock: 0 };
    const previous = await this.store.forecasts.riskRanks();
    const rows: StoredForecastSeries[] = result.forecasts.map((f, i) => {
      const body = bodyOf(series[i]!, f);
      const [level, id] = splitKey(f.id);
      const item = level === 'item' ? sales.items.get(id) : undefined;
      if (item && item.stock !== null) {
        const lead = Number(item.attributes?.leadTimeDays);
        const leadTimeDays = Number.isFinite(lead) && lead > 0 ? lead : (options.leadTimeDays ?? 14);
        const status = inventoryStatus({
          stock: item.stock,
          mean: f.mean,
          sd: sdFrom(f),
          periodDays: periodDays(frequency),
          leadTimeDays,
          ...(options.serviceLevel !== undefined ? { serviceLevel: options.serviceLevel } : {}),
        });
        const before = previous.get(f.id);
        const previousRisk = before === undefined ? null : (RISK_OF_RANK[before] ?? null);
        body.inventory = { ...status, stock: item.stock, leadTimeDays, previousRisk };
        risks[status.risk]++;
      }
      return {
        key: f.id,
        level,
        label: item?.title ?? id,
        frequency: f.frequency,
        riskRank: body.inventory ? RISK_RANK[body.inventory.risk] : null,
        body: body as unknown as Record<string, unknown>,
        computedAt: now,
      };
    });
    await options.onProgress?.(0.95, 'storing forecasts');
    await this.store.transaction((repos) => repos.forecasts.replaceAll(rows));
    return {
      series: rows.length,
      items: rows.filter((r) => r.level === 'item').length,
      frequency,
      periods: sales.periods,
      ...(frequency === 'week' ? { weeks: sales.periods } : {}),
      intervalsCalibrated: result.calibrated[frequency] === true,
      risks,
      globalModelUsed: result.global[frequency]?.used === true,
      computedAt: now,
    };
  }

  /** Forecasts series a caller sends (already validated), on worker threads. */
  async forecastSeries(series: HistorySeries[], horizon: number, levels?: number[]): Promise<HistoryForecast[]> {
    const result = await forecastHistory(series, { horizon, ...(levels ? { levels } : {}) }, (batch, o) =>
      forecastBatchOnThreads(batch, o),
    );
    return result.forecasts;
  }
}

/** `item:abc` → ['item', 'abc']; `store` → ['store', 'store']. */
export function splitKey(key: string): [string, string] {
  const i = key.indexOf(':');
  return i < 0 ? [key, key] : [key.slice(0, i), key.slice(i + 1)];
}

/** Per-step standard deviation from the widest interval (normal intervals). */
function sdFrom(f: HistoryForecast): Float64Array {
  const widest = f.intervals[f.intervals.length - 1];
  if (!widest) return new Float64Array(f.mean.length);
  const z = widest.level >= 95 ? 1.959964 : widest.level >= 80 ? 1.281552 : 1;
  return Float64Array.from(f.mean, (m, k) => Math.max(widest.upper[k]! - m, 0) / z);
}

function bodyOf(series: HistorySeries, f: HistoryForecast): ForecastBody {
  const from = Math.max(0, series.values.length - HISTORY_KEPT);
  return {
    history: {
      periods: series.periods.slice(from).map(iso),
      values: Array.from(series.values.subarray(from), round),
    },
    forecast: {
      periods: f.periods.map(iso),
      mean: Array.from(f.mean, round),
      intervals: f.intervals.map((i) => ({
        level: i.level,
        lower: Array.from(i.lower, round),
        upper: Array.from(i.upper, round),
      })),
    },
    components: f.components.map((c) => ({ model: c.model, weight: round(c.weight) })),
  };
}
