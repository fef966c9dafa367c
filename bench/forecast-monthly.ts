/**
 * A monthly proxy for the held-out monthly retail set (152 series, last 12 months, MASE with a seasonal scale),
 * which is scored outside the repository. No monthly retail history is shared, so this is a stand-in, not the
 * real set: monthly rating counts per MovieLens genre (real activity over 2000–2018, 12-month season) and a
 * simulated retail set (yearly multiplicative season, damped drifting growth, level shifts, noise). Each is
 * scored on its last 12 months against seasonal naive and damped multiplicative ETS measured in the same run.
 */
import { readFileSync } from 'node:fs';
import { datasetPath, missingDatasetMessage } from '../src/datasets/location.js';
import { mase } from '../src/forecast/accuracy.js';
import { forecastBatch } from '../src/forecast/forecast-batch.js';
import { EtsModel } from '../src/forecast/models/ets.js';
import { SeasonalNaiveModel } from '../src/forecast/models/simple-models.js';
import { seededRandom } from '../src/math/random.js';
import { coverage, coverageCell } from './_forecast-coverage.js';
import type { BenchRow } from './report.js';

const H = 12;
const M = 12;

/** Monthly rating counts per genre, January 2000 to August 2018 (genres with 2,000 ratings or more). */
export function movielensGenres(dir: string): Float64Array[] {
  const genres = new Map<string, string[]>();
  for (const line of readFileSync(`${dir}/movies.csv`, 'utf8').trim().split('\n').slice(1)) {
    const parts = line.split(',');
    genres.set(parts[0]!, parts[parts.length - 1]!.split('|'));
  }
  const months = 18 * 12 + 8;
  const counts = new Map<string, Float64Array>();
  for (const line of readFileSync(`${dir}/ratings.csv`, 'utf8').trim().split('\n').slice(1)) {
    const [, movie, , ts] = line.split(',');
    const d = new Date(Number(ts) * 1000);
    const month = (d.getUTCFullYear() - 2000) * 12 + d.getUTCMonth();
    if (month < 0 || month >= months) continue;
    for (const g of genres.get(movie!) ?? []) {
      if (g === '(no genres listed)') continue;
      let c = counts.get(g);
      if (!c) counts.set(g, (c = new Float64Array(months)));
      c[month] = c[month]! + 1;
    }
  }
  return [...counts.values()].filter((c) => c.reduce((a, b) => a + b, 0) >= 2000);
}

/** Simulated monthly retail series of 4 to 12 years. */
export function simulatedRetail(count: number, seed: number): Float64Array[] {
  const r = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const n = 48 + Math.floor(r() * 96);
    const amp = 0.1 + r() * 0.5;
    const peak = Math.floor(r() * 12);
    const shape = Array.from(
      { length: 12 },
      (_, k) => 1 + amp * Math.cos((2 * Math.PI * (k - peak)) / 12) + (r() - 0.5) * 0.2 * amp,
    );
    const noise = 0.03 + r() * 0.2;
    const phi = 0.95 + r() * 0.05;
    let level = 50 + r() * 2000;
    let growth = (r() - 0.4) * 0.01;
    return Float64Array.from({ length: n }, (_, t) => {
      growth = phi * growth + (r() - 0.5) * 0.004;
      level *= 1 + growth;
      if (r() < 0.01) level *= 0.7 + r() * 0.6;
      const e = Math.exp(noise * (r() + r() + r() - 1.5) * 2);
      return Math.max(0, Math.round(level * shape[t % 12]! * e));
    });
  });
}

function score(name: string, set: Float64Array[]): BenchRow {
  const train = set.map((y) => y.subarray(0, y.length - H));
  const mean = (forecasts: Float64Array[]) =>
    Number(
      (
        set.reduce((s, y, i) => s + mase(train[i]!, y.subarray(y.length - H), forecasts[i]!, M), 0) / set.length
      ).toFixed(4),
    );
  const snaive = new SeasonalNaiveModel();
  const etsAdM = new EtsModel('Ad', 'M');
  const started = performance.now();
  const batch = forecastBatch(train, { h: H, m: M });
  const auto = mean(batch.forecasts.map((f) => f.mean));
  const ms = Math.round(performance.now() - started);
  const ets = mean(train.map((y) => etsAdM.fit(y, M).forecast(H)));
  return {
    method: `monthly proxy (${name}, ${set.length} series, last 12 months): MASE, seasonal scale`,
    'daogou auto': auto,
    'ets(Ad,M)': ets,
    'seasonal naive': mean(train.map((y) => snaive.fit(y, M).forecast(H))),
    'auto / ets(Ad,M)': Number((auto / ets).toFixed(3)),
    ms,
    'interval coverage on the test months': coverageCell(
      [80, 95],
      coverage(
        batch.forecasts,
        set.map((y) => y.subarray(y.length - H)),
      ),
    ),
  };
}

/** Rows for the forecast benchmark. */
export function monthlyProxyRows(): BenchRow[] {
  const rows: BenchRow[] = [];
  const ml = datasetPath('movielens-latest-small');
  if (ml) rows.push(score('MovieLens ratings per genre', movielensGenres(ml)));
  else console.warn(missingDatasetMessage('movielens-latest-small'));
  rows.push(score('simulated retail', simulatedRetail(150, 7)));
  return rows;
}
