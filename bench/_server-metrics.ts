/**
 * What an API process says of itself over a phase of a benchmark, from its /metrics (prom-client): the serving
 * thread's event-loop delay (monitorEventLoopDelay, reset at each read of /metrics, so a read at the start and one
 * at the end give the phase alone) and its own request durations per route (from its histogram's buckets). Set
 * beside the probes' latency, they tell time spent in the process from time spent before it (the client's own
 * event loop, the kernel's queues, waiting for a CPU).
 */
import { readFileSync } from 'node:fs';
import type { BenchRow } from './report.js';

/** One read of an API process's /metrics. */
export interface ServerMetrics {
  /** Event-loop delay since the previous read, ms. */
  lag: { p50: number; p99: number; max: number; mean: number };
  /** Cumulative request counts per route by upper bound in seconds (`+Inf` included). */
  buckets: Map<string, Map<number, number>>;
}

const GAUGE = /^daogou_nodejs_eventloop_lag_(p50|p99|max|mean)_seconds(?:\{[^}]*\})? (\S+)$/;
const BUCKET = /^daogou_http_request_duration_seconds_bucket\{(.*)\} (\S+)$/;

/** Parses the text of /metrics. */
export function parseServerMetrics(text: string): ServerMetrics {
  const lag = { p50: NaN, p99: NaN, max: NaN, mean: NaN };
  const buckets = new Map<string, Map<number, number>>();
  for (const line of text.split('\n')) {
    const g = GAUGE.exec(line);
    if (g) {
      lag[g[1] as keyof typeof lag] = Number(g[2]) * 1000;
      continue;
    }
    const b = BUCKET.exec(line);
    if (!b) continue;
    const labels = Object.fromEntries([...b[1]!.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
    if (labels.status !== '200') continue;
    const route = `${labels.method} ${labels.route}`;
    const le = labels.le === '+Inf' ? Number.POSITIVE_INFINITY : Number(labels.le);
    const byLe = buckets.get(route) ?? new Map<number, number>();
    byLe.set(le, (byLe.get(le) ?? 0) + Number(b[2]));
    buckets.set(route, byLe);
  }
  return { lag, buckets };
}

/** Reads an API process's /metrics with an admin key (this also starts a new event-loop delay window). */
export async function readServerMetrics(url: string, adminKey: string): Promise<ServerMetrics> {
  const res = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${adminKey}` } });
  const text = await res.text();
  if (!res.ok) throw new Error(`/metrics answered ${res.status}: ${text.slice(0, 200)}`);
  return parseServerMetrics(text);
}

/** Requests of `route` in a phase whose time in the process was above each bound (from the bucket counts). */
function overBounds(
  before: ServerMetrics,
  after: ServerMetrics,
  route: string,
): { n: number; over: Map<number, number> } {
  const a = after.buckets.get(route) ?? new Map<number, number>();
  const b = before.buckets.get(route) ?? new Map<number, number>();
  const n = (a.get(Number.POSITIVE_INFINITY) ?? 0) - (b.get(Number.POSITIVE_INFINITY) ?? 0);
  const over = new Map<number, number>();
  for (const [le, count] of a) if (Number.isFinite(le)) over.set(le, n - (count - (b.get(le) ?? 0)));
  return { n, over };
}

const ROUTES: [string, string, number][] = [
  ['recommendations', 'GET /v1/recommendations/customers/:id', 0.025],
  ['search', 'GET /v1/search', 0.025],
];

/** Table rows for one phase: event-loop delay of each API process and its requests slower than 25 ms inside it. */
export function serverRows(phase: string, before: ServerMetrics[], after: ServerMetrics[]): BenchRow[] {
  const rows: BenchRow[] = [];
  after.forEach((m, a) => {
    rows.push({
      measure: `api ${a + 1} serving thread event-loop delay (${phase})`,
      value: m.lag.p50,
      unit: 'p50 ms',
      'p99 ms': m.lag.p99,
      'max ms': m.lag.max,
    });
    for (const [name, route, bound] of ROUTES) {
      const { n, over } = overBounds(before[a]!, m, route);
      rows.push({
        measure: `api ${a + 1} ${name} over ${bound * 1000} ms inside the process (${phase})`,
        value: over.get(bound) ?? NaN,
        unit: 'requests',
        n,
        'over 10 ms': over.get(0.01) ?? NaN,
      });
    }
  });
  return rows;
}

/** A thread's scheduler account from /proc: seconds on a CPU and seconds runnable but waiting for one. */
export interface SchedStat {
  cpu: number;
  wait: number;
}

/** The scheduler account of a process's main (serving) thread; zeros where /proc cannot tell. */
export function servingThreadSched(pid: number | undefined): SchedStat {
  try {
    const [cpu, wait] = readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').trim().split(/\s+/).map(Number);
    return { cpu: cpu! / 1e9, wait: wait! / 1e9 };
  } catch {
    return { cpu: 0, wait: 0 };
  }
}

/**
 * Rows for one phase of each API's serving thread: seconds on a CPU and seconds ready to run but waiting for one
 * (the kernel's run-queue delay). A thread that waits more than it runs is held by the scheduler, not its work.
 */
export function schedRows(phase: string, seconds: number, before: SchedStat[], after: SchedStat[]): BenchRow[] {
  return after.map((s, a) => ({
    measure: `api ${a + 1} serving thread: s on a CPU / s waiting for one over ${seconds.toFixed(1)} s (${phase})`,
    value: s.cpu - before[a]!.cpu,
    unit: 's on CPU',
    'waiting s': s.wait - before[a]!.wait,
  }));
}
