/**
 * A worker process's CPU priority: on a machine shared with API processes, training and profile folds should
 * take the CPU only when request serving leaves it idle (`DAOGOU_WORKER_NICE`, applied by `serve --role worker`).
 */
import { readdirSync } from 'node:fs';
import os from 'node:os';

/** The highest niceness Linux and macOS allow (the lowest priority). */
export const MAX_NICE = 19;

/**
 * Raises the niceness of every thread of this process to `nice` (0 leaves it as it is; one already nicer is
 * left alone, as lowering niceness needs privileges). On Linux each thread has its own niceness, so the
 * threads started before this call (V8's, libuv's) are each set by id, from /proc/self/task; threads started
 * afterwards (training's worker threads, libuv's pool) inherit it from the thread that starts them. Returns the
 * niceness of the calling thread afterwards.
 */
export function lowerWorkerPriority(nice: number): number {
  if (nice > 0) {
    for (const thread of processThreads()) {
      try {
        if (os.getPriority(thread) < nice) os.setPriority(thread, Math.min(nice, MAX_NICE));
      } catch {
        // A thread that ended since it was listed; or a platform without per-thread priorities.
      }
    }
  }
  return os.getPriority();
}

/** Thread ids of this process where the system lists them (Linux); elsewhere 0, the process itself. */
function processThreads(): number[] {
  try {
    const ids = readdirSync('/proc/self/task').map(Number).filter(Number.isInteger);
    return ids.length > 0 ? ids : [0];
  } catch {
    return [0];
  }
}
