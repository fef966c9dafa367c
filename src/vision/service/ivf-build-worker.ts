/**
 * The thread that builds a photo index: k-means over every stored image vector takes tens of seconds at
 * 100,000 images, so it never runs on a serving thread. It receives the vectors, builds, sends the index's
 * arrays back (moved, not copied) and ends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { IvfIndex } from '../../math/ivf-index.js';

/** What the thread receives. */
export interface IvfBuildInput {
  vectors: Float32Array;
  dim: number;
}

const input = workerData as IvfBuildInput;
const state = IvfIndex.build(input.vectors, input.dim).serialize();
// The arrays are the thread's own (made by the build), so their buffers are plain ArrayBuffers to move.
const buffers = [state.centres, state.offsets, state.rows, state.vectors].map((a) => a.buffer as ArrayBuffer);
parentPort?.postMessage(state, buffers);
