/**
 * Builds a photo index off the calling thread (see ivf-build-worker.ts). Small catalogues, whose index is one
 * list and a copy of the vectors, are built in place: starting a thread would cost more than the build.
 */
import { startModuleThread } from '../../platform/module-thread.js';
import { IvfIndex, type SerializedIvfIndex } from '../../math/ivf-index.js';
import type { IvfBuildInput } from './ivf-build-worker.js';

/** Below this many vectors the index is a single list (no k-means): built on the calling thread. */
export const IN_THREAD_BUILD_LIMIT = 2000;

/** An IVF index over `vectors` (rows of length `dim`, unit length); `vectors` is moved to the thread. */
export async function buildIvfIndex(vectors: Float32Array, dim: number): Promise<IvfIndex> {
  if (vectors.length / dim < IN_THREAD_BUILD_LIMIT) return IvfIndex.build(vectors, dim);
  const input: IvfBuildInput = { vectors, dim };
  const worker = startModuleThread(import.meta.url, 'ivf-build-worker', {
    workerData: input,
    transferList: [vectors.buffer as ArrayBuffer],
  });
  const state = await new Promise<SerializedIvfIndex>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) =>
      reject(new Error(`the photo index thread stopped before it finished (exit code ${code})`)),
    );
  });
  return IvfIndex.deserialize(state);
}
