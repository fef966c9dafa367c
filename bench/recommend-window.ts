/**
 * What training on a window of the newest events costs in quality: `npm run bench -- recommend-window
 * [--fractions 1,0.5,0.25,0.1]`. On MovieLens (latest small: real timestamps over 22 years), with the recommend
 * benchmark's 75/25 split stratified by item, the default pipeline is fitted on the newest fraction F of the
 * training events (by time; 1 is the whole training log, as `npm run bench -- recommend`) and evaluated on the
 * same test events twice: with each customer's whole training history as the request's history (as served: a
 * request reads the customer's newest events from the log, whatever the window), and with only the history inside
 * the window (customers whose events all lie before it are then cold). This is what `DAOGOU_TRAIN_MAX_EVENTS` or
 * `DAOGOU_TRAIN_WINDOW_DAYS` do when they cut (docs/scale.md).
 */
import { DefaultPipeline } from '../src/recommend/default-pipeline.js';
import { evaluateRanking, metricsRow } from '../src/recommend/evaluate/evaluate.js';
import type { InteractionLog } from '../src/recommend/interaction-log.js';
import { loadMovieLens } from './recommend.js';
import { printTable, writeReport, type BenchRow } from './report.js';

/** The log's events at or after the time that leaves the newest `fraction` of them. */
function newest(log: InteractionLog, fraction: number): InteractionLog {
  if (fraction >= 1) return log;
  const sorted = Float64Array.from(log.timestamps).sort();
  const since = sorted[Math.floor((1 - fraction) * sorted.length)]!;
  const keep = new Uint8Array(log.size);
  for (let k = 0; k < log.size; k++) keep[k] = log.timestamps[k]! >= since ? 1 : 0;
  return log.select(keep);
}

/** Runs the benchmark. */
export default async function run(args: string[]): Promise<void> {
  const i = args.indexOf('--fractions');
  const fractions = (i >= 0 ? args[i + 1]! : '1,0.5,0.25,0.1').split(',').map(Number);
  const d = await loadMovieLens();
  if (!d) return;
  const rows: BenchRow[] = [];
  for (const fraction of fractions) {
    const train = newest(d.split.train, fraction);
    const split = { train, test: d.split.test };
    let trained = 0;
    for (let u = 0; u < train.numUsers; u++) if (train.userPtr[u + 1]! > train.userPtr[u]!) trained++;
    const m = new DefaultPipeline({ itemTexts: d.texts, validation: 'random' });
    const t0 = performance.now();
    m.fit(train);
    const fit = (performance.now() - t0) / 1000;
    const metrics = evaluateRanking((h, o) => m.score(h, o), split, { k: 10 });
    const served = evaluateRanking((h, o) => m.score(h, o), d.split, { k: 10 });
    rows.push({
      'newest fraction': fraction,
      events: train.size,
      'customers with events': trained,
      'since (UTC)': new Date(train.timestamps.reduce((a, b) => Math.min(a, b), Infinity) * 1000)
        .toISOString()
        .slice(0, 10),
      'HR@10 as served': served.hr,
      'NDCG@10 as served': served.ndcg,
      ...metricsRow('default pipeline, window history only', metrics, fit),
    });
    console.log(
      `fraction ${fraction}: ${train.size} events, NDCG@10 ${served.ndcg.toFixed(4)} as served, ${metrics.ndcg.toFixed(4)} window history only`,
    );
  }
  printTable('MovieLens: default pipeline trained on the newest events', rows);
  writeReport('recommend-window', rows);
}
