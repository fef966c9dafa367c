/**
 * The scale benchmark's ingest load on a worker thread of its own: the clients build, serialise and post the
 * batches there, so the benchmark's event loop, on which every latency probe's answer is timed, does not wait
 * behind a batch of 1,000 events being built (its event-loop delay reached p99 55–178 ms during ingest when the
 * load ran on it). The thread reports its counts as it goes, and the acknowledged ids when it stops.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { startModuleThread } from '../src/platform/module-thread.js';
import { startIngestLoad, type IngestLoad, type IngestTally } from '../test/helpers/ingest-load.js';
import { scaleBatchMaker } from './_scale-common.js';

/** What the thread is told: where to post, and the store the events are drawn from. */
export interface ThreadedLoadOptions {
  urls: string[];
  key: string;
  clients: number;
  batchSize: number;
  maxBatches: number;
  /** The events' timestamp and the store's size, for {@link scaleBatchMaker}. */
  now: number;
  customers: number;
  items: number;
}

/** A running threaded load: the tally's counts follow the thread's reports; `stop` returns the final tally. */
export interface ThreadedLoad {
  tally: { batches: number; acknowledgedCount: number; failures: Map<string, number> };
  stop(): Promise<IngestTally>;
}

type Report =
  | { kind: 'progress'; batches: number; acknowledgedCount: number; failures: [string, number][] }
  | {
      kind: 'done';
      batches: number;
      acknowledgedCount: number;
      failures: [string, number][];
      latencies: number[];
      /** The acknowledged ids joined by newlines: one string crosses threads as a copy, millions would not. */
      ids: string;
    };

/** Starts the load on a new worker thread. */
export function startIngestLoadThread(options: ThreadedLoadOptions): ThreadedLoad {
  const worker = startModuleThread(import.meta.url, '_ingest-load-thread', { workerData: options });
  const tally = { batches: 0, acknowledgedCount: 0, failures: new Map<string, number>() };
  const done = new Promise<Extract<Report, { kind: 'done' }>>((resolve, reject) => {
    worker.on('message', (report: Report) => {
      tally.batches = report.batches;
      tally.acknowledgedCount = report.acknowledgedCount;
      tally.failures = new Map(report.failures);
      if (report.kind === 'done') resolve(report);
    });
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`the ingest load thread exited (${code}) before reporting`)));
  });
  return {
    tally,
    async stop() {
      worker.postMessage('stop');
      const report = await done;
      await worker.terminate();
      const acknowledged = report.ids === '' ? [] : report.ids.split('\n');
      return { ...tally, acknowledged, latencies: report.latencies };
    },
  };
}

function runInThread(port: NonNullable<typeof parentPort>, options: ThreadedLoadOptions): void {
  const load: IngestLoad = startIngestLoad({
    urls: () => options.urls,
    key: options.key,
    clients: options.clients,
    batchSize: options.batchSize,
    batch: scaleBatchMaker(options.now, options.customers, options.items),
    maxBatches: options.maxBatches,
  });
  const counts = () => ({
    batches: load.tally.batches,
    acknowledgedCount: load.tally.acknowledgedCount,
    failures: [...load.tally.failures],
  });
  const reporting = setInterval(() => port.postMessage({ kind: 'progress', ...counts() } satisfies Report), 100);
  port.on('message', () => {
    clearInterval(reporting);
    void load.stop().then((tally) =>
      port.postMessage({
        kind: 'done',
        ...counts(),
        latencies: tally.latencies,
        ids: tally.acknowledged.join('\n'),
      } satisfies Report),
    );
  });
}

if (!isMainThread && parentPort) runInThread(parentPort, workerData as ThreadedLoadOptions);
