/** The worker side of {@link runInThread}: posts one result (or throws, which the test sees as an error). */
import { parentPort, workerData } from 'node:worker_threads';

/** Runs `compute` on the data the test passed and posts what it returns. */
export async function postResult<D, T>(compute: (data: D) => T | Promise<T>): Promise<void> {
  if (!parentPort) throw new Error('a quality thread module runs only inside runInThread');
  parentPort.postMessage(await compute(workerData as D));
}
