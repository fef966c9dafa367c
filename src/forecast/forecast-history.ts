/** Forecasts a validated sales history: series grouped by frequency, each group forecast as one batch. */
import type { ForecastInterval, SeriesForecast } from './auto-forecast.js';
import { forecastBatch, withGlobalModel, type BatchForecastOptions, type GlobalVerdict } from './forecast-batch.js';
import type { HistorySeries } from './history.js';
import { nextPeriods, seasonLength, type Frequency, type Period } from './periods.js';

/** Options of {@link forecastHistory}. */
export interface HistoryForecastOptions {
  horizon: number;
  levels?: readonly number[];
  global?: boolean;
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

/** Computes the local forecasts of one frequency group (on this thread, or spread over threads). */
export type LocalRunner = (batch: Float64Array[], options: BatchForecastOptions) => Promise<SeriesForecast[]>;

/** Forecasts every series `horizon` periods past its own end. */
export async function forecastHistory(
  series: readonly HistorySeries[],
  options: HistoryForecastOptions,
  runLocal?: LocalRunner,
): Promise<{ forecasts: HistoryForecast[]; global: Partial<Record<Frequency, GlobalVerdict | null>> }> {
  const byFrequency = new Map<Frequency, HistorySeries[]>();
  for (const s of series) {
    let group = byFrequency.get(s.frequency);
    if (!group) byFrequency.set(s.frequency, (group = []));
    group.push(s);
  }
  const out: HistoryForecast[] = [];
  const global: Partial<Record<Frequency, GlobalVerdict | null>> = {};
  let done = 0;
  for (const [frequency, group] of byFrequency) {
    const batchOptions: BatchForecastOptions = {
      h: options.horizon,
      m: seasonLength(frequency),
      ...(options.levels ? { levels: options.levels } : {}),
      ...(options.global === false ? { global: false } : {}),
      onProgress: (d) => options.onProgress?.(done + d, series.length),
    };
    const values = group.map((s) => s.values);
    const result = runLocal
      ? withGlobalModel(values, await runLocal(values, batchOptions), batchOptions)
      : forecastBatch(values, batchOptions);
    done += group.length;
    global[frequency] = result.global;
    group.forEach((s, i) => {
      const f = result.forecasts[i]!;
      out.push({
        id: s.id,
        frequency,
        periods: nextPeriods(s.periods[s.periods.length - 1]!, frequency, options.horizon),
        mean: f.mean,
        intervals: f.intervals,
        components: f.components,
      });
    });
  }
  return { forecasts: out, global };
}
