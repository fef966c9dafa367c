/** Runs an experiments task on a worker thread (see experiments-worker.ts), or in-thread for an in-memory database. */
import { startModuleThread } from '../../platform/module-thread.js';
import type { Store } from '../../store/store.js';
import { runExperimentsTask, type ExperimentsTask } from './experiments-worker.js';

/** Whether another thread can open the same database (an in-memory SQLite database is private to its connection). */
export function shareableUrl(url: string): boolean {
  return !/^sqlite:(:memory:)?$/.test(url) && !url.includes(':memory:');
}

/** The task's result, computed off the calling thread where the database allows. */
export async function runOffThread<T>(store: Store, task: ExperimentsTask): Promise<T> {
  if (!shareableUrl(task.url)) return (await runExperimentsTask(store, task)) as T;
  const worker = startModuleThread(import.meta.url, 'experiments-worker', { workerData: { experimentsTask: task } });
  try {
    return await new Promise<T>((resolve, reject) => {
      worker.once('message', (m: { ok: true; value: T } | { ok: false; message: string }) =>
        m.ok ? resolve(m.value) : reject(new Error(`experiments worker: ${m.message}`)),
      );
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the experiments worker stopped early (exit code ${code})`)));
    });
  } finally {
    await worker.terminate();
  }
}
