/**
 * A long-lived worker thread for a capability's heavy reads: started on first use with its own database
 * connection, answering tasks one message each, so neither a long query (better-sqlite3 queries are
 * synchronous) nor the thread's start-up lands on the serving thread per request. In-thread for an in-memory
 * database, which another connection cannot see. `serveTasks` is the worker's side.
 */
import { parentPort, type Worker } from 'node:worker_threads';
import { startModuleThread } from './module-thread.js';

/** Whether another thread can open the same database (an in-memory SQLite database is private to its connection). */
export function shareableUrl(url: string): boolean {
  return !url.includes(':memory:') && url !== 'sqlite:';
}

type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };

/** Where the worker module is and what it is given. */
export interface TaskThreadOptions<Task> {
  /** The caller's `import.meta.url`; the worker module sits beside it. */
  callerUrl: string;
  /** The worker module's file name without extension. */
  module: string;
  /** Names the thread in errors. */
  label: string;
  /** The database both sides open. */
  databaseUrl: string;
  /** Runs a task on the calling thread, where the database cannot be shared. */
  inThread: (task: Task) => Promise<unknown>;
}

/** Runs tasks off the calling thread. */
export class TaskThread<Task> {
  private worker: Worker | null = null;
  private next = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  constructor(private readonly o: TaskThreadOptions<Task>) {}

  private start(): Worker {
    const worker = startModuleThread(this.o.callerUrl, this.o.module, {
      workerData: { databaseUrl: this.o.databaseUrl },
    });
    // Idle, it must not keep a CLI process alive.
    worker.unref();
    worker.on('message', (m: Reply) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.value);
      else p.reject(new Error(`${this.o.label}: ${m.message}`));
    });
    const fail = (error: Error) => {
      this.worker = null;
      for (const p of this.pending.values()) p.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the ${this.o.label} stopped (exit code ${code})`)));
    return worker;
  }

  /** The task's result, computed off the calling thread where the database allows. */
  async run<T>(task: Task): Promise<T> {
    if (!shareableUrl(this.o.databaseUrl)) return (await this.o.inThread(task)) as T;
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

/**
 * The worker's side: when this module runs as a task thread, answers each task with `run`, one after another
 * as they arrive. `open` gets the database URL once, for the thread's one connection.
 */
export function serveTasks<Task, Context>(
  workerData: unknown,
  open: (databaseUrl: string) => Context,
  run: (context: Context, task: Task) => Promise<unknown>,
): void {
  const url = (workerData as { databaseUrl?: string } | undefined)?.databaseUrl;
  if (!parentPort || url === undefined) return;
  const port = parentPort;
  const context = open(url);
  let queue: Promise<void> = Promise.resolve();
  port.on('message', ({ id, task }: { id: number; task: Task }) => {
    queue = queue.then(async () => {
      try {
        port.postMessage({ id, ok: true, value: await run(context, task) });
      } catch (error) {
        port.postMessage({ id, ok: false, message: error instanceof Error ? error.message : String(error) });
      }
    });
  });
}
