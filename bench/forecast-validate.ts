/**
 * Forecasting's validation protocol (docs/forecasting.md, "Measured"): every idea is scored on windows cut from
 * the fit data before UCI's test weeks are looked at. Windows: UCI weekly sales fit to weeks 24, 28, 32 and 36
 * ("val", forecast the next 8, mean RMSSE), the extra origins 26, 30 and 34, the simulated monthly proxy of
 * bench/forecast-monthly.ts with seeds 7–10 (last 12 months, MASE with a seasonal scale; seed 7 is the forecast
 * bench's) and MovieLens ratings per genre (the same). Each window's components are fitted once (the local
 * combinations on worker threads, then the three pooled models on the series cut at their latest backtest origin
 * and on the whole window, side by side) and the shipped judge and blend run over them, so a variant of the judge
 * costs no fit. Arguments: `--test` adds UCI's test weeks (fit to 44): score them once per candidate that has
 * won everything else, never to tune; `--only val,extra,sim,movielens,test` keeps those groups; `--cache DIR`
 * keeps each window's fitted components in DIR and reuses them on the next run, less the ones named by
 * `--refit local,ridge,boosted,neural` (refit what a change touches: a stale cache scores the old code);
 * `--from DIR` reads components a window lacks in its own cache from another run's (a variant's cache starts
 * from the shipped code's, refitting only what it changes).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { datasetPath, missingDatasetMessage } from '../src/datasets/location.js';
import { mase, rmsse, squaredScale } from '../src/forecast/accuracy.js';
import type { SeriesForecast } from '../src/forecast/auto-forecast.js';
import { withGlobalModelFittedBy, type GlobalVerdict } from '../src/forecast/forecast-batch.js';
import type { PooledFitter, PooledJob, PooledKey } from '../src/forecast/pooled-kinds.js';
import { localForecastsOnThreads } from '../src/forecast/service/forecast-threads.js';
import { PooledThreads } from '../src/forecast/service/pooled-threads.js';
import { movielensGenres, simulatedRetail } from './forecast-monthly.js';
import { writeReport, type BenchRow } from './report.js';

/** Which part of the protocol a window belongs to. */
export type WindowGroup = 'val' | 'extra' | 'sim' | 'movielens' | 'test';

/** One validation window: the series as fitted, what followed them, and how forecasts are scored. */
export interface ValidationWindow {
  group: WindowGroup;
  name: string;
  train: Float64Array[];
  actual: Float64Array[];
  h: number;
  m: number;
  /** RMSSE (UCI, the measure) or MASE with a seasonal scale (the held-out monthly set's). */
  measure: 'rmsse' | 'mase';
}

/** UCI's products with movement in weeks 0–43 (as bench/forecast.ts keeps them), weeks 0–51 each. */
function uciSeries(file: string): Float64Array[] {
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => Float64Array.from(l.split(',').slice(1, 53).map(Number)))
    .filter((y) => squaredScale(y.subarray(0, 44)) > 0);
}

/** A UCI window fitted to `cut` weeks; series without movement before the cut are left out (RMSSE needs a scale). */
function uciWindow(series: Float64Array[], group: WindowGroup, cut: number): ValidationWindow {
  const kept = series.filter((y) => squaredScale(y.subarray(0, cut)) > 0);
  return {
    group,
    name: `UCI fit to ${cut}`,
    train: kept.map((y) => y.subarray(0, cut)),
    actual: kept.map((y) => y.subarray(cut, cut + 8)),
    h: 8,
    m: 52,
    measure: 'rmsse',
  };
}

/** A monthly window: the last 12 months held out. */
function monthlyWindow(group: WindowGroup, name: string, set: Float64Array[]): ValidationWindow {
  return {
    group,
    name,
    train: set.map((y) => y.subarray(0, y.length - 12)),
    actual: set.map((y) => y.subarray(y.length - 12)),
    h: 12,
    m: 12,
    measure: 'mase',
  };
}

/** The protocol's windows of the groups asked for (datasets that are absent are skipped with a warning). */
export function validationWindows(groups: ReadonlySet<WindowGroup>): ValidationWindow[] {
  const windows: ValidationWindow[] = [];
  const file = datasetPath('uci-sales-weekly', 'Sales_Transactions_Dataset_Weekly.csv');
  const uci = file ? uciSeries(file) : null;
  if (!uci && (groups.has('val') || groups.has('extra') || groups.has('test')))
    console.warn(missingDatasetMessage('uci-sales-weekly'));
  if (uci) {
    if (groups.has('val')) for (const cut of [24, 28, 32, 36]) windows.push(uciWindow(uci, 'val', cut));
    if (groups.has('extra')) for (const cut of [26, 30, 34]) windows.push(uciWindow(uci, 'extra', cut));
  }
  if (groups.has('sim'))
    for (const seed of [7, 8, 9, 10])
      windows.push(monthlyWindow('sim', `simulated seed ${seed}`, simulatedRetail(150, seed)));
  if (groups.has('movielens')) {
    const ml = datasetPath('movielens-latest-small');
    if (ml) windows.push(monthlyWindow('movielens', 'MovieLens per genre', movielensGenres(ml)));
    else console.warn(missingDatasetMessage('movielens-latest-small'));
  }
  if (uci && groups.has('test')) windows.push(uciWindow(uci, 'test', 44));
  return windows;
}

/**
 * A window's fitted components: the local combinations, and each pooled model fitted on the series cut at their
 * latest backtest origin (what the judge scores) and on the whole window (what the blend forecasts with).
 */
export interface WindowComponents {
  local: SeriesForecast[];
  cut: Map<PooledKey, unknown>;
  full: Map<PooledKey, unknown>;
}

/**
 * Fits a window's local combinations on `threads` worker threads (or takes them from `reuse`); its pooled models
 * are fitted later, when the judge asks for them ({@link blendedForecasts}), and kept.
 */
export async function fitComponents(
  window: ValidationWindow,
  reuse?: WindowComponents,
  threads = availableParallelism(),
): Promise<WindowComponents> {
  const local = reuse?.local ?? (await localForecastsOnThreads(window.train, { h: window.h, m: window.m }, threads));
  return { local, cut: new Map(reuse?.cut), full: new Map(reuse?.full) };
}

/**
 * The shipped judge and blend (`withGlobalModelFittedBy`) over a window's components: its rounds of pooled fits
 * are answered from them (a job on the whole window is the full fit, any other the cut one) and what is missing is
 * fitted by `fit` and kept, so the forecasts are the pipeline's own and a rerun fits nothing. The local forecasts
 * are copied first: the blend writes into them.
 */
export async function blendedForecasts(
  window: ValidationWindow,
  components: WindowComponents,
  fit: PooledFitter,
): Promise<{ forecasts: Float64Array[]; verdict: GlobalVerdict | null }> {
  const cached: PooledFitter = async (jobs) => {
    const cacheOf = (job: PooledJob) => (job.series === window.train ? components.full : components.cut);
    const missing = jobs.filter((job) => !cacheOf(job).has(job.kind));
    const models = await fit(missing);
    missing.forEach((job, i) => cacheOf(job).set(job.kind, models[i]));
    return jobs.map((job) => cacheOf(job).get(job.kind));
  };
  const result = await withGlobalModelFittedBy(
    window.train,
    structuredClone(components.local),
    { h: window.h, m: window.m, calibrate: false },
    cached,
  );
  return { forecasts: result.forecasts.map((f) => f.mean), verdict: result.global };
}

/** The file a window's components are kept in under `dir`. */
function cacheFile(dir: string, window: ValidationWindow): string {
  return path.join(dir, `${window.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.v8`);
}

/**
 * A window's components from `dir` (written by an earlier run with `--cache`), less those named in `refit`
 * ('local' or a pooled key; dropping the local forecasts drops the pooled fits too: their cut depends on them).
 */
function loadComponents(
  dir: string,
  window: ValidationWindow,
  refit: ReadonlySet<string>,
): WindowComponents | undefined {
  const file = cacheFile(dir, window);
  if (!existsSync(file) || refit.has('local')) return undefined;
  const components = deserialize(readFileSync(file)) as WindowComponents;
  for (const key of refit) {
    components.cut.delete(key as PooledKey);
    components.full.delete(key as PooledKey);
  }
  return components;
}

/** A window's mean score (RMSSE or seasonal MASE over its series; lower is better). */
export function scoreWindow(window: ValidationWindow, forecasts: readonly Float64Array[]): number {
  let sum = 0;
  window.train.forEach((y, i) => {
    const f = forecasts[i]!;
    sum += window.measure === 'rmsse' ? rmsse(y, window.actual[i]!, f) : mase(y, window.actual[i]!, f, window.m);
  });
  return sum / window.train.length;
}

const r4 = (v: number) => Number(v.toFixed(4));
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(values.length, 1);

export default async function forecastValidate(args: string[]): Promise<void> {
  const only = args.indexOf('--only');
  const groups = new Set<WindowGroup>(
    only >= 0
      ? ((args[only + 1] ?? '').split(',') as WindowGroup[])
      : ['val', 'extra', 'sim', 'movielens', ...(args.includes('--test') ? (['test'] as const) : [])],
  );
  const value = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const cache = value('--cache');
  const from = value('--from');
  const refit = new Set((value('--refit') ?? '').split(',').filter(Boolean));
  const pooled = new PooledThreads();
  const rows: BenchRow[] = [];
  const scores = new Map<WindowGroup, number[]>();
  const started = performance.now();
  const cpu = process.cpuUsage();
  try {
    for (const window of validationWindows(groups)) {
      const t0 = performance.now();
      const reuse = [cache, from].reduce<WindowComponents | undefined>(
        (found, dir) => found ?? (dir ? loadComponents(dir, window, refit) : undefined),
        undefined,
      );
      const components = await fitComponents(window, reuse);
      const { forecasts, verdict } = await blendedForecasts(window, components, pooled.fit);
      if (cache) {
        mkdirSync(cache, { recursive: true });
        writeFileSync(cacheFile(cache, window), serialize(components));
      }
      const score = scoreWindow(window, forecasts);
      scores.set(window.group, [...(scores.get(window.group) ?? []), score]);
      const shares = verdict?.used ? verdict.shares : null;
      rows.push({
        group: window.group,
        window: window.name,
        series: window.train.length,
        measure: window.measure === 'rmsse' ? 'RMSSE' : 'MASE (seasonal)',
        score: r4(score),
        'shares local / ridge / trees / network': shares
          ? [shares.local, shares.ridge, shares.boosted, shares.neural].map((s) => s.toFixed(2)).join(' / ')
          : 'local only',
        s: Math.round((performance.now() - t0) / 100) / 10,
      });
      console.log(`${window.name}: ${score.toFixed(4)}`);
    }
  } finally {
    await pooled.close();
  }
  const summary: Record<string, number> = {};
  for (const [group, values] of scores) summary[group] = r4(mean(values));
  const sim = scores.get('sim');
  if (sim?.[0] !== undefined) summary['sim seed 7'] = r4(sim[0]);
  for (const [name, value] of Object.entries(summary))
    rows.push({ group: 'mean', window: name, series: null, measure: null, score: value });
  const used = process.cpuUsage(cpu);
  writeReport('forecast-validate', rows, {
    summary,
    seconds: Math.round((performance.now() - started) / 1000),
    cpuSeconds: Math.round((used.user + used.system) / 1e6),
  });
}
