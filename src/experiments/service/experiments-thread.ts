/**
 * A long-lived worker thread for the experiments' heavy reads (see experiments-worker.ts): started on first
 * use with its own connection, answering tasks one message each, so neither a long query nor the thread's
 * start-up lands on the serving thread per request. In-thread for an in-memory database, which another
 * connection cannot see.
 */
import type { Worker } from 'node:worker_threads';
import { startModuleThread } from '../../platform/module-thread.js';
import type { Store } from '../../store/store.js';
import { runExperimentsTask, type ExperimentsTask } from './experiments-worker.js';

/** Whether another thread can open the same database (an in-memory SQLite database is private to its connection). */
export function shareableUrl(url: string): boolean {
  return !url.includes(':memory:') && url !== 'sqlite:';
}

type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };

/** Runs experiments tasks off the calling thread. */
export class ExperimentsThread {
  private worker: Worker | null = null;
  private next = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  constructor(
    private readonly store: Store,
    private readonly url: string,
  ) {}

  private start(): Worker {
    const worker = startModuleThread(import.meta.url, 'experiments-worker', {
      workerData: { experimentsUrl: this.url },
    });
    // Idle, it must not keep a CLI process alive.
    worker.unref();
    worker.on('message', (m: Reply) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.value);
      else p.reject(new Error(`experiments worker: ${m.message}`));
    });
    const fail = (error: Error) => {
      this.worker = null;
      for (const p of this.pending.values()) p.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the experiments worker stopped (exit code ${code})`)));
    return worker;
  }

  /** The task's result, computed off the calling thread where the database allows. */
  async run<T>(task: ExperimentsTask): Promise<T> {
    if (!shareableUrl(this.url)) return (await runExperimentsTask(this.store.experiments, task)) as T;
    this.worker ??= this.start();
    const id = this.next++;
    const worker = this.worker;
    worker.ref();
    try {
      return (await new Promise<unknown>((resolve, reject) => {
        this.pending.set(id, { resolve, reject });
        worker.postMessage({ id, task });
      })) as T;
    } finally {
      if (this.pending.size === 0) worker.unref();
    }
  }

  /** Stops the thread (it closes its connection first). */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }
}
