/**
 * Forecasting: accuracy on UCI weekly sales (fit weeks 0–43, forecast 8; RMSSE averaged over products)
 * against the single methods measured in the same run, and speed of the whole pipeline (backtested
 * combination per series on worker threads, then the pooled models side by side on them) on synthetic weekly
 * series of 104 weeks. `--series N` sets the speed run's size (default 2000; the target is 10,000 in 60 s).
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { datasetPath, missingDatasetMessage } from '../src/datasets/location.js';
import { rmsse, squaredScale } from '../src/forecast/accuracy.js';
import { forecastBatch } from '../src/forecast/forecast-batch.js';
import { EtsModel } from '../src/forecast/models/ets.js';
import { NaiveModel, WindowMeanModel } from '../src/forecast/models/simple-models.js';
import { ThetaModel } from '../src/forecast/models/theta.js';
import { forecastBatchOnThreads } from '../src/forecast/service/forecast-threads.js';
import { seededRandom } from '../src/math/random.js';
import { coverage, coverageCell } from './_forecast-coverage.js';
import { monthlyProxyRows } from './forecast-monthly.js';
import { writeReport, type BenchRow } from './report.js';

const r4 = (v: number) => Number(v.toFixed(4));

function uciQuality(file: string): BenchRow[] {
  const series = readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => Float64Array.from(l.split(',').slice(1, 53).map(Number)))
    .filter((y) => squaredScale(y.subarray(0, 44)) > 0);
  const train = series.map((y) => y.subarray(0, 44));
  const score = (forecasts: Float64Array[]) =>
    r4(series.reduce((s, y, i) => s + rmsse(train[i]!, y.subarray(44), forecasts[i]!), 0) / series.length);
  const rows: BenchRow[] = [];
  const started = performance.now();
  const ours = forecastBatch(train, { h: 8, m: 52 });
  const tests = series.map((y) => y.subarray(44));
  rows.push({
    method: 'daogou auto (backtested combination + pooled model when it wins)',
    'UCI RMSSE': score(ours.forecasts.map((f) => f.mean)),
    ms: Math.round(performance.now() - started),
    'interval coverage on the test weeks': coverageCell([80, 95], coverage(ours.forecasts, tests)),
  });
  // The same forecasts with the normal intervals of before, to show what calibration changed.
  const normal = forecastBatch(train, { h: 8, m: 52, calibrate: false });
  rows.push({
    method: 'same, normal intervals from in-sample errors (not calibrated)',
    'UCI RMSSE': null,
    ms: null,
    'interval coverage on the test weeks': coverageCell([80, 95], coverage(normal.forecasts, tests)),
  });
  const single = [
    ['SES (statsmodels 0.912)', new EtsModel('N', 'N')],
    ['damped Holt (statsmodels 0.934)', new EtsModel('Ad', 'N')],
    ['theta', new ThetaModel()],
    ['mean of 8 weeks (0.920)', new WindowMeanModel(8)],
    ['naive (1.094)', new NaiveModel()],
  ] as const;
  for (const [name, model] of single)
    rows.push({ method: name, 'UCI RMSSE': score(train.map((y) => model.fit(y, 1).forecast(8))), ms: null });
  return rows;
}

function syntheticWeekly(count: number, weeks: number): Float64Array[] {
  const rand = seededRandom(42);
  return Array.from({ length: count }, (_, i) => {
    const level = 5 + rand() * 100;
    const trend = (rand() - 0.5) * 0.02;
    const season = rand() * 0.4;
    const intermittent = i % 5 === 0;
    return Float64Array.from({ length: weeks }, (_, t) => {
      const mean = level * (1 + trend * t) * (1 + season * Math.sin((2 * Math.PI * t) / 52));
      const v = Math.max(0, mean * (1 + 0.3 * (rand() - 0.5) * 2));
      return intermittent ? (rand() < 0.6 ? 0 : Math.round(v / 10)) : Math.round(v);
    });
  });
}

export default async function forecast(args: string[]): Promise<void> {
  const flag = (name: string, fallback: number) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : fallback;
  };
  const count = flag('--series', 2000);
  const rows: BenchRow[] = [];
  const uci = datasetPath('uci-sales-weekly', 'Sales_Transactions_Dataset_Weekly.csv');
  if (uci) rows.push(...uciQuality(uci));
  else console.warn(missingDatasetMessage('uci-sales-weekly'));
  rows.push(...monthlyProxyRows());
  const series = syntheticWeekly(count, 104);
  const options = { h: 8, m: 52 };
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await forecastBatchOnThreads(series, options);
  const seconds = (performance.now() - started) / 1000;
  // CPU time of every thread of the process: on a machine shared with other work, wall time overstates the cost.
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  rows.push({
    method: `speed: ${count} weekly series × 104 weeks, h 8, ${availableParallelism()} threads`,
    'UCI RMSSE': null,
    ms: Math.round(seconds * 1000),
    'series/s': Math.round(count / seconds),
    'projected s for 10,000': r4((10_000 / count) * seconds),
    'CPU s': r4(cpuSeconds),
    'projected s for 10,000 on idle cores': r4((10_000 / count) * (cpuSeconds / availableParallelism())),
    'global model used': result.global?.used === true ? 'yes' : 'no',
  });
  writeReport('forecast', rows, { series: count });
}
