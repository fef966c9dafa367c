/**
 * Ingest load for fault tests and the scale benchmark: clients post batches of events with ids of their
 * own to one or more API processes, and keep every id the API acknowledged (202), so a test can count
 * them in the database afterwards. Other answers are tallied by status and problem type.
 */

/** What a load run saw. */
export interface IngestTally {
  /** Ids of events in batches answered 202. */
  acknowledged: string[];
  /** How many events were in batches answered 202. */
  acknowledgedCount: number;
  /** Batches answered 202. */
  batches: number;
  /** Answers other than 202, by `status type` (type from problem+json), and connection failures. */
  failures: Map<string, number>;
  /** Latency of each 202 batch, ms. */
  latencies: number[];
}

/** A running load; `stop()` ends it after the requests in flight and returns the tally. */
export interface IngestLoad {
  tally: IngestTally;
  stop(): Promise<IngestTally>;
}

/** Options for {@link startIngestLoad}. */
export interface IngestLoadOptions {
  /** API base URLs; client i posts to urls[i % urls.length] (a failed one is skipped for the next batch). */
  urls: () => string[];
  key: string;
  clients: number;
  batchSize: number;
  /** Makes the events of one batch, given a unique prefix for their ids. */
  batch: (prefix: string, size: number) => Record<string, unknown>[];
  /** Pause after a failed request, ms. */
  backoffMs?: number;
  /** Stop after this many batches in all (default: until stopped). */
  maxBatches?: number;
}

/** Starts the clients. */
export function startIngestLoad(options: IngestLoadOptions): IngestLoad {
  const tally: IngestTally = { acknowledged: [], acknowledgedCount: 0, batches: 0, failures: new Map(), latencies: [] };
  let stopped = false;
  let sent = 0;
  const fail = (what: string) => tally.failures.set(what, (tally.failures.get(what) ?? 0) + 1);
  const client = async (c: number) => {
    for (let n = 0; !stopped; n++) {
      if (options.maxBatches !== undefined && sent >= options.maxBatches) return;
      sent += 1;
      const urls = options.urls();
      const url = urls[(c + n) % urls.length]!;
      const events = options.batch(`c${c}b${n}`, options.batchSize);
      const t = performance.now();
      try {
        const res = await fetch(`${url}/v1/events/batch`, {
          method: 'POST',
          headers: { authorization: `Bearer ${options.key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ events }),
        });
        const text = await res.text();
        if (res.status === 202) {
          tally.latencies.push(performance.now() - t);
          tally.batches += 1;
          tally.acknowledgedCount += events.length;
          for (const e of events) tally.acknowledged.push(String(e.id));
          continue;
        }
        const problem = res.headers.get('content-type')?.startsWith('application/problem+json')
          ? (JSON.parse(text) as { type?: string }).type
          : 'not problem+json';
        fail(`${res.status} ${problem}`);
      } catch (error) {
        fail(`connection: ${(error as { cause?: { code?: string } }).cause?.code ?? String(error)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, options.backoffMs ?? 50));
    }
  };
  const running = Promise.all(Array.from({ length: options.clients }, (_, c) => client(c)));
  return {
    tally,
    async stop() {
      stopped = true;
      await running;
      return tally;
    },
  };
}
