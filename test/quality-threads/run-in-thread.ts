/**
 * Runs a quality floor's heavy computation in a worker thread. A fit or an evaluation is one long synchronous
 * call; in the test's own thread it starves vitest's worker RPC, whose replies wait behind it and whose fixed
 * 60 s timeout then fails the whole run with every test green (vitest-dev/vitest#6479), as it did at load 12.
 */
import { startModuleThread } from '../../src/platform/module-thread.js';

/** Starts `name` (a module in this folder), passes it `data` as workerData and resolves with the one message it posts. */
export function runInThread<T>(name: string, data?: unknown): Promise<T> {
  const worker = startModuleThread(import.meta.url, name, { workerData: data });
  return new Promise<T>((resolve, reject) => {
    worker.once('message', (result: T) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) =>
      reject(new Error(`quality thread ${name} stopped (exit code ${code}) before its result`)),
    );
  });
}
