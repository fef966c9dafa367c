/**
 * Fits a batch's pooled models on worker threads, side by side: the boosted trees on one thread while the ridge
 * fits on another, and the network's seeds dealt over both, where they used to run one after another on the
 * calling thread. The threads start at the first round of fits and serve every later round until
 * {@link PooledThreads.close}.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startModuleThread } from '../../platform/module-thread.js';
import { joinNeuralParts, NEURAL_SEEDS, type NeuralGlobalModel } from '../neural-global-model.js';
import type { PooledFitter, PooledJob, PooledKey } from '../pooled-kinds.js';

/** What a pooled-fit thread receives: one job at a time. */
export interface PooledThreadRequest {
  id: number;
  job: PooledJob;
}

/** What a pooled-fit thread answers: the fitted model (plain data), or why it failed. */
export type PooledThreadReply = { id: number; model: unknown } | { id: number; error: string };

/**
 * Rough relative cost of each fit on a batch (10,000 weekly series: trees ~6 CPU-s, network ~5 with its five
 * seeds, a part of it in proportion to its seeds, ridge ~2): the dearest go first, so that the cheap ones fill in
 * beside them.
 */
const COST: Readonly<Record<PooledKey, number>> = { boosted: 3, neural: 2.5, ridge: 1 };

/** One thread and the job it is running. */
interface Slot {
  worker: Worker;
  waiting?: { id: number; resolve: (model: unknown) => void; reject: (error: Error) => void };
}

/** A small set of worker threads that fit pooled models; close it when the batch is done. */
export class PooledThreads {
  private readonly slots: Slot[] = [];
  private nextId = 0;

  constructor(private readonly threads = availableParallelism()) {}

  /**
   * Fits the jobs on up to `threads` threads, each taking the dearest job left when it is free. The network's
   * seeds are split among the threads, so that its averaged networks fit side by side rather than one after
   * another; its parts are joined into the model one thread would have fitted.
   */
  readonly fit: PooledFitter = async (requested) => {
    const { jobs, join } = splitNeural(requested, this.threads);
    const models = await this.fitEach(jobs);
    return join(models);
  };

  private async fitEach(jobs: readonly PooledJob[]): Promise<unknown[]> {
    const cost = (job: PooledJob) => COST[job.kind] * (job.seeds ? job.seeds.count / NEURAL_SEEDS : 1);
    const order = jobs.map((_, i) => i).sort((a, b) => cost(jobs[b]!) - cost(jobs[a]!));
    const want = Math.min(Math.max(1, this.threads), jobs.length);
    while (this.slots.length < want) this.slots.push(this.start());
    const models = new Array<unknown>(jobs.length);
    let next = 0;
    await Promise.all(
      this.slots.slice(0, want).map(async (slot) => {
        while (next < order.length) {
          const i = order[next++]!;
          try {
            models[i] = await this.run(slot, jobs[i]!);
          } catch (error) {
            next = order.length;
            throw error;
          }
        }
      }),
    );
    return models;
  }

  /** Stops every thread. */
  async close(): Promise<void> {
    await Promise.all(this.slots.splice(0).map((slot) => slot.worker.terminate()));
  }

  private start(): Slot {
    const slot: Slot = { worker: startModuleThread(import.meta.url, 'pooled-worker') };
    const fail = (error: Error) => {
      const waiting = slot.waiting;
      slot.waiting = undefined;
      waiting?.reject(error);
    };
    slot.worker.on('message', (reply: PooledThreadReply) => {
      const waiting = slot.waiting;
      if (!waiting || waiting.id !== reply.id) return;
      slot.waiting = undefined;
      if ('error' in reply) waiting.reject(new Error(`a pooled model failed on its worker thread: ${reply.error}`));
      else waiting.resolve(reply.model);
    });
    slot.worker.on('error', fail);
    slot.worker.on('exit', (code) => fail(new Error(`a pooled-model thread stopped early (exit code ${code})`)));
    return slot;
  }

  private run(slot: Slot, job: PooledJob): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      slot.waiting = { id, resolve, reject };
      const request: PooledThreadRequest = { id, job };
      slot.worker.postMessage(request);
    });
  }
}

/**
 * The jobs with each whole network fit split into up to `threads` parts of its seeds, and how to join the parts'
 * models back into one answer per job asked.
 */
export function splitNeural(
  requested: readonly PooledJob[],
  threads: number,
): { jobs: PooledJob[]; join: (models: readonly unknown[]) => unknown[] } {
  const jobs: PooledJob[] = [];
  const spans: { from: number; count: number; neural: boolean }[] = [];
  for (const job of requested) {
    const parts = job.kind === 'neural' && !job.seeds ? Math.min(Math.max(1, threads), NEURAL_SEEDS) : 1;
    spans.push({ from: jobs.length, count: parts, neural: parts > 1 });
    if (parts === 1) {
      jobs.push(job);
      continue;
    }
    // Seeds dealt as evenly as they go: 3 over 2 threads is 2 and 1.
    for (let p = 0, first = 0; p < parts; p++) {
      const count = Math.floor(NEURAL_SEEDS / parts) + (p < NEURAL_SEEDS % parts ? 1 : 0);
      jobs.push({ ...job, seeds: { first, count } });
      first += count;
    }
  }
  const join = (models: readonly unknown[]) =>
    spans.map(({ from, count, neural }) =>
      neural ? joinNeuralParts(models.slice(from, from + count) as (NeuralGlobalModel | undefined)[]) : models[from],
    );
  return { jobs, join };
}
