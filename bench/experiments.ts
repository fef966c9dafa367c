/**
 * Experiments: assignment throughput (against SHA-1 bucketing as the baseline), a simulation of the statistics
 * (1,000 A/A experiments with 14 daily looks: false positives of the sequential test and of the naive one; power
 * on a +5% lift; CUPED's variance reduction; bandit regret against an even split), and the read-out of an
 * experiment with many exposures through the store (SQL sums on a worker thread; the serving thread's delay).
 * `npm run bench -- experiments [--exposures N] [--sims N] [--database URL]` (default 1,000,000 on SQLite).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Random } from '../src/demo/random.js';
import { systemEvent, type NewEvent } from '../src/domain/index.js';
import {
  assignVariant,
  compareMeans,
  cupedEstimates,
  meanEstimate,
  pickArm,
  sequentialEffect,
  thompsonBernoulli,
} from '../src/experiments/index.js';
import { ExperimentService } from '../src/experiments/service/experiment-service.js';
import type { ExposureRow } from '../src/store/repositories/experiment-repository.js';
import { Store } from '../src/store/store.js';
import { median, writeReport, type BenchRow } from './report.js';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

const plan = {
  salt: 'bench',
  variants: [
    { name: 'control', weight: 1 },
    { name: 'b', weight: 1 },
  ],
  traffic: 0.9,
  layer: { name: 'home', start: 0, end: 0.8 },
};

/** Decisions per second of the engine's assignment and of SHA-1 bucketing (the common approach). */
function assignmentSpeed(): BenchRow[] {
  const ids = Array.from({ length: 200_000 }, (_, i) => `anon-${i.toString(36)}-${(i * 2654435761) >>> 0}`);
  const rate = (work: (id: string) => unknown) => {
    const runs: number[] = [];
    for (let r = 0; r < 5; r++) {
      const t = performance.now();
      for (const id of ids) work(id);
      runs.push(ids.length / ((performance.now() - t) / 1000));
    }
    return median(runs);
  };
  const engine = rate((id) => assignVariant(plan, id));
  const sha1 = rate((id) => {
    const h = createHash('sha1').update(`bench:${id}`).digest().readUInt32BE(0) / 2 ** 32;
    return h < 0.5 ? 'control' : 'b';
  });
  return [
    { case: 'assignment (FNV-1a, traffic + layer + split)', 'decisions/s': Math.round(engine), target: '≥ 50,000' },
    { case: 'baseline: SHA-1 bucket, split only', 'decisions/s': Math.round(sha1), target: '' },
  ];
}

/** A/A and +5% simulations: per look, the naive fixed-horizon test and the always-valid one. */
function simulate(sims: number, perDay: number, lift: number, seed: number) {
  const rng = new Random(seed);
  const base = 0.1;
  let naive = 0;
  let sequential = 0;
  let fixedFinal = 0;
  for (let s = 0; s < sims; s++) {
    const arms = [
      { n: 0, sum: 0, sumSquares: 0 },
      { n: 0, sum: 0, sumSquares: 0 },
    ];
    let naiveHit = false;
    let seqHit = false;
    for (let day = 0; day < 14; day++) {
      arms.forEach((arm, a) => {
        const p = a === 1 ? base * (1 + lift) : base;
        for (let i = 0; i < perDay; i++) {
          if (rng.next() < p) {
            arm.sum++;
            arm.sumSquares++;
          }
        }
        arm.n += perDay;
      });
      const { relative } = compareMeans(meanEstimate(arms[0]!), meanEstimate(arms[1]!));
      if (relative.pValue < 0.05) naiveHit = true;
      if (sequentialEffect(relative.estimate, relative.se, arms[0]!.n + arms[1]!.n, 0.05).pValue < 0.05) seqHit = true;
      if (day === 13 && relative.pValue < 0.05) fixedFinal++;
    }
    if (naiveHit) naive++;
    if (seqHit) sequential++;
  }
  return { naive: naive / sims, sequential: sequential / sims, fixedFinal: fixedFinal / sims };
}

/** CUPED on revenue-like data whose pre-period correlates with the experiment period. */
function cuped(seed: number) {
  const rng = new Random(seed);
  const groups = [0, 0.05].map((lift) => {
    const g = { n: 0, sum: 0, sumSquares: 0, preSum: 0, preSumSquares: 0, sumProduct: 0 };
    for (let i = 0; i < 50_000; i++) {
      const habit = -Math.log(Math.max(rng.next(), 1e-12)) * 20;
      const pre = habit * (0.5 + rng.next());
      const x = habit * (1 + lift) * (0.5 + rng.next());
      g.n++;
      g.sum += x;
      g.sumSquares += x * x;
      g.preSum += pre;
      g.preSumSquares += pre * pre;
      g.sumProduct += x * pre;
    }
    return g;
  });
  const raw = compareMeans(meanEstimate(groups[0]!), meanEstimate(groups[1]!));
  const { estimates } = cupedEstimates(groups);
  const adj = compareMeans(estimates[0]!, estimates[1]!);
  return {
    varianceReduction: 1 - estimates[0]!.variance / meanEstimate(groups[0]!).variance,
    ciWidthRatio: (adj.absolute.ci[1] - adj.absolute.ci[0]) / (raw.absolute.ci[1] - raw.absolute.ci[0]),
    pRaw: raw.relative.pValue,
    pCuped: adj.relative.pValue,
  };
}

/** Thompson sampling over three click rates, re-weighted every 500 visitors, against an even split. */
function bandit(seed: number) {
  const rates = [0.04, 0.05, 0.06];
  const visitors = 30_000;
  const rng = new Random(seed);
  const arms = rates.map((_, i) => ({ name: `arm${i}`, trials: 0, successes: 0 }));
  let shares = rates.map(() => 1 / rates.length);
  let regretTs = 0;
  let clicksTs = 0;
  for (let v = 0; v < visitors; v++) {
    if (v % 500 === 0 && v > 0) shares = thompsonBernoulli(arms, { floor: 0.02, seed: v, draws: 2000 });
    const a = pickArm(shares, rng.next());
    arms[a]!.trials++;
    if (rng.next() < rates[a]!) {
      arms[a]!.successes++;
      clicksTs++;
    }
    regretTs += 0.06 - rates[a]!;
  }
  const even = visitors * (0.06 - (0.04 + 0.05 + 0.06) / 3);
  return { regretTs, regretEven: even, clicksTs, bestShare: arms[2]!.trials / visitors };
}

async function readOut(url: string, exposures: number): Promise<BenchRow[]> {
  const store = await Store.open(url);
  const now = Date.UTC(2026, 5, 1);
  const service = new ExperimentService(store, () => now, url);
  try {
    const e = await service.create({
      name: `bench ${exposures}`,
      surface: 'recommendations',
      variants: [{ name: 'control' }, { name: 'b' }],
      metrics: [
        { name: 'conversion', type: 'conversion', cuped: true },
        { name: 'revenue', type: 'revenue' },
        { name: 'aov', type: 'aov' },
        { name: 'clicks', type: 'click' },
      ],
    });
    const rng = new Random(9);
    const loadStart = performance.now();
    const batch = 10_000;
    let events = 0;
    for (let start = 0; start < exposures; start += batch) {
      const rows: ExposureRow[] = [];
      const evs: NewEvent[] = [];
      for (let i = start; i < Math.min(exposures, start + batch); i++) {
        const unit = `c${i}`;
        const variant = assignVariant({ salt: e.salt, variants: e.variants, traffic: 1 }, unit).variant!;
        const at = now - 13 * 86_400_000 + (i % 13) * 86_400_000;
        rows.push({ experimentId: e.id, unitId: unit, variant, customerId: unit, anonymousId: null, exposedAt: at });
        const u = rng.next();
        if (u < 0.2)
          evs.push(systemEvent({ id: `k${i}`, type: 'click', itemId: 'i1', customerId: unit, timestamp: at + 60_000 }));
        if (u < (variant === 'b' ? 0.055 : 0.05)) {
          evs.push(
            systemEvent({
              id: `p${i}`,
              type: 'purchase',
              itemId: 'i1',
              customerId: unit,
              orderId: `o${i}`,
              revenue: 20 + 80 * rng.next(),
              timestamp: at + 120_000,
            }),
          );
        }
        if (rng.next() < 0.05)
          evs.push(
            systemEvent({
              id: `q${i}`,
              type: 'purchase',
              itemId: 'i2',
              customerId: unit,
              orderId: `q${i}`,
              revenue: 30,
              timestamp: at - 86_400_000,
            }),
          );
      }
      await store.transaction(async (repos) => {
        await repos.experiments.recordExposures(rows);
        events += await repos.events.insertMany(evs);
      });
      if (start % 200_000 === 0) console.error(`loaded ${start.toLocaleString('en')} exposures`);
    }
    const loadSeconds = (performance.now() - loadStart) / 1000;
    const inThread: number[] = [];
    const inThreadCpu: number[] = [];
    const offThread: number[] = [];
    const delays: number[] = [];
    let decision = '';
    for (let r = 0; r < 3; r++) {
      let t = performance.now();
      // CPU time beside wall time: on a shared machine the wall time mostly measures the other work.
      const cpu = process.cpuUsage();
      await store.experiments.metricSums(e.id, e.metrics);
      inThread.push((performance.now() - t) / 1000);
      const used = process.cpuUsage(cpu);
      inThreadCpu.push((used.user + used.system) / 1e6);
      const h = monitorEventLoopDelay({ resolution: 10 });
      h.enable();
      t = performance.now();
      const result = await service.computeResults(e.id);
      offThread.push((performance.now() - t) / 1000);
      h.disable();
      delays.push(h.max / 1e6);
      decision = result.results.analysis.recommendation.text;
    }
    return [
      {
        case: `read-out, ${exposures.toLocaleString('en')} exposures, ${events.toLocaleString('en')} events: SQL sums in-thread (median s)`,
        seconds: Number(median(inThread).toFixed(2)),
        target: '',
      },
      {
        case: 'the same: CPU time of this process (median s; on SQLite the query runs on this thread)',
        seconds: Number(median(inThreadCpu).toFixed(2)),
        target: '',
      },
      {
        case: 'read-out as the job runs it: sums on a worker thread + analysis (median s)',
        seconds: Number(median(offThread).toFixed(2)),
        target: '≤ 5',
      },
      {
        case: 'serving thread: longest event-loop delay during that read-out (ms)',
        seconds: Number(median(delays).toFixed(1)),
        target: 'small',
      },
      {
        case: `loading the exposures and events (s) — ${decision.slice(0, 60)}…`,
        seconds: Number(loadSeconds.toFixed(1)),
        target: '',
      },
    ];
  } finally {
    await service.close();
    await store.close();
  }
}

/** Runs the benchmark. */
export default async function experiments(args: string[]): Promise<void> {
  const exposures = Number(option(args, 'exposures') ?? 1_000_000);
  const sims = Number(option(args, 'sims') ?? 1000);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'daogou-bench-experiments-'));
  const url = option(args, 'database') ?? `sqlite:${path.join(dir, 'daogou.db')}`;
  try {
    const rows: BenchRow[] = [...assignmentSpeed()];
    const aa = simulate(sims, 500, 0, 1);
    rows.push({
      case: `A/A, ${sims} experiments × 14 daily looks, 500/arm/day: naive test, any look significant`,
      rate: aa.naive,
      target: '(inflated)',
    });
    rows.push({
      case: 'A/A: sequential (always-valid) test, any look significant',
      rate: aa.sequential,
      target: '≤ 0.05',
    });
    rows.push({ case: 'A/A: fixed-horizon test at the last look only', rate: aa.fixedFinal, target: '≈ 0.05' });
    const power = simulate(Math.min(sims, 500), 4000, 0.05, 2);
    rows.push({
      case: 'power, +5% on 10% conversion, 4,000/arm/day × 14: sequential',
      rate: power.sequential,
      target: '',
    });
    rows.push({ case: 'power, same: fixed horizon at day 14', rate: power.fixedFinal, target: '' });
    const c = cuped(3);
    rows.push({
      case: 'CUPED on correlated pre-period data: variance reduction',
      rate: Number(c.varianceReduction.toFixed(3)),
      target: '',
    });
    rows.push({
      case: 'CUPED: CI width / unadjusted CI width',
      rate: Number(c.ciWidthRatio.toFixed(3)),
      target: '< 1',
    });
    const b = bandit(4);
    rows.push({
      case: 'bandit regret, 30,000 visitors, CTR 4/5/6%: Thompson sampling (expected clicks lost)',
      rate: Math.round(b.regretTs),
      target: '',
    });
    rows.push({ case: 'bandit regret: even split', rate: Math.round(b.regretEven), target: '' });
    rows.push({ case: 'bandit: share of traffic the best arm got', rate: Number(b.bestShare.toFixed(3)), target: '' });
    for (const r of await readOut(url, exposures)) rows.push(r);
    writeReport('experiments', rows, {
      exposures,
      sims,
      database: url.startsWith('sqlite:') ? 'sqlite' : 'postgres',
      loadAverage: os
        .loadavg()
        .map((v) => Number(v.toFixed(1)))
        .join(' '),
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
