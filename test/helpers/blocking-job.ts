/**
 * A job for tests of the job thread: `test.block` holds its thread — event loop included — until the file
 * named in its payload exists, so a test can look at the server while a job is certainly still running.
 */
import { existsSync } from 'node:fs';
import type { Engine } from '../../src/engine/engine.js';

/** The blocking job's name. */
export const BLOCK_JOB = 'test.block';

/** Registers {@link BLOCK_JOB} on an engine (the job thread imports this module). */
export function defineJobs(engine: Engine): void {
  engine.jobs.define(BLOCK_JOB, (payload) => {
    const { release } = payload as { release: string };
    const nap = new Int32Array(new SharedArrayBuffer(4));
    // Synchronous on purpose: a job that never yields is the worst case for the thread serving requests.
    while (!existsSync(release)) Atomics.wait(nap, 0, 0, 10);
    return Promise.resolve({ released: true });
  });
}
