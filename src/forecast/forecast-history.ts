/** Forecasts a validated sales history: series grouped by frequency, each group forecast as one batch. */
import type { ForecastInterval, SeriesForecast } from './auto-forecast.js';
import { forecastBatch, type BatchForecast, type BatchForecastOptions, type GlobalVerdict } from './forecast-batch.js';
import type { HistorySeries } from './history.js';
import { nextPeriods, seasonLength, type Frequency, type Period } from './periods.js';
import {
  eventsByPeriod,
  learnEventEffects,
  multiplierOf,
  retailCalendar,
  type EventEffects,
  type EventSpan,
} from './retail-events.js';

/** Options of {@link forecastHistory}. */
export interface HistoryForecastOptions {
  horizon: number;
  levels?: readonly number[];
  global?: boolean;
  /** Extra events (the store's promotions) besides the built-in retail calendar. */
  promotions?: readonly EventSpan[];
  /** Whether to use the built-in holidays (default true). */
  holidays?: boolean;
  onProgress?: (done: number, total: number) => void;
}

/** The forecast of one series, with the periods it covers. */
export interface HistoryForecast {
  id: string;
  frequency: Frequency;
  periods: Period[];
  mean: Float64Array;
  intervals: ForecastInterval[];
  components: SeriesForecast['components'];
}

/** Forecasts one frequency group as a batch (on this thread, or spread over worker threads). */
export type BatchRunner = (batch: Float64Array[], options: BatchForecastOptions) => Promise<BatchForecast>;

/** Forecasts every series `horizon` periods past its own end. */
export async function forecastHistory(
  series: readonly HistorySeries[],
  options: HistoryForecastOptions,
  runBatch?: BatchRunner,
): Promise<{
  forecasts: HistoryForecast[];
  global: Partial<Record<Frequency, GlobalVerdict | null>>;
  /** Per frequency, whether the intervals were calibrated on the pooled backtest errors. */
  calibrated: Partial<Record<Frequency, boolean>>;
  /** Learnt event multipliers (daily and weekly data only). */
  events: Partial<Record<Frequency, Record<string, { multiplier: number; occurrences: number }>>>;
}> {
  const byFrequency = new Map<Frequency, HistorySeries[]>();
  for (const s of series) {
    let group = byFrequency.get(s.frequency);
    if (!group) byFrequency.set(s.frequency, (group = []));
    group.push(s);
  }
  const out: HistoryForecast[] = [];
  const global: Partial<Record<Frequency, GlobalVerdict | null>> = {};
  const calibrated: Partial<Record<Frequency, boolean>> = {};
  const learnt: Partial<Record<Frequency, Record<string, { multiplier: number; occurrences: number }>>> = {};
  const calendar = eventCalendar(series, options);
  let done = 0;
  for (const [frequency, group] of byFrequency) {
    const batchOptions: BatchForecastOptions = {
      h: options.horizon,
      m: seasonLength(frequency),
      ...(options.levels ? { levels: options.levels } : {}),
      ...(options.global === false ? { global: false } : {}),
      onProgress: (d) => options.onProgress?.(done + d, series.length),
    };
    const future = group.map((s) => nextPeriods(s.periods[s.periods.length - 1]!, frequency, options.horizon));
    const adjusted = adjustForEvents(group, future, frequency, calendar);
    if (adjusted.effects.size > 0) learnt[frequency] = Object.fromEntries(adjusted.effects);
    const values = adjusted.values;
    const result = runBatch ? await runBatch(values, batchOptions) : forecastBatch(values, batchOptions);
    done += group.length;
    global[frequency] = result.global;
    calibrated[frequency] = result.calibrated;
    group.forEach((s, i) => {
      const f = result.forecasts[i]!;
      const factors = adjusted.futureMultipliers[i]!;
      for (let k = 0; k < f.mean.length; k++) {
        f.mean[k] = f.mean[k]! * factors[k]!;
        for (const interval of f.intervals) {
          interval.lower[k] = interval.lower[k]! * factors[k]!;
          interval.upper[k] = interval.upper[k]! * factors[k]!;
        }
      }
      out.push({
        id: s.id,
        frequency,
        periods: future[i]!,
        mean: f.mean,
        intervals: f.intervals,
        components: f.components,
      });
    });
  }
  return { forecasts: out, global, calibrated, events: learnt };
}

/** The built-in calendar over the years the data and forecasts span, plus the store's promotions. */
function eventCalendar(series: readonly HistorySeries[], options: HistoryForecastOptions): EventSpan[] {
  const promotions = [...(options.promotions ?? [])];
  if (options.holidays === false || series.length === 0) return promotions;
  let first = Infinity;
  let last = -Infinity;
  for (const s of series) {
    first = Math.min(first, s.periods[0]!.ms);
    last = Math.max(last, s.periods[s.periods.length - 1]!.ms);
  }
  const years = Math.ceil(options.horizon / 52) + 1;
  return [...retailCalendar(new Date(first).getUTCFullYear(), new Date(last).getUTCFullYear() + years), ...promotions];
}

/** Series divided by their learnt event effects, and the multipliers their forecast periods get. */
function adjustForEvents(
  group: readonly HistorySeries[],
  future: readonly Period[][],
  frequency: Frequency,
  calendar: readonly EventSpan[],
): { values: Float64Array[]; futureMultipliers: Float64Array[]; effects: EventEffects } {
  const past = group.map((s) =>
    eventsByPeriod(
      s.periods.map((p) => p.ms),
      frequency,
      calendar,
    ),
  );
  const effects = learnEventEffects(group.map((s, i) => ({ values: s.values, events: past[i]! })));
  const values = group.map((s, i) => {
    if (effects.size === 0) return s.values;
    return Float64Array.from(s.values, (v, k) => v / multiplierOf(past[i]![k]!, effects));
  });
  const futureMultipliers = future.map((periods) => {
    const events = eventsByPeriod(
      periods.map((p) => p.ms),
      frequency,
      calendar,
    );
    return Float64Array.from(events, (names) => multiplierOf(names, effects));
  });
  return { values, futureMultipliers, effects };
}
