/**
 * A worker process's CPU priority: on a machine shared with API processes, training and profile folds should
 * take the CPU only when request serving leaves it idle (`DAOGOU_WORKER_NICE`, applied by `serve --role worker`).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import os from 'node:os';
import type { Niceness } from '../config/config.js';

/** The highest niceness Linux and macOS allow (the lowest priority). */
export const MAX_NICE = 19;

/**
 * Raises the niceness of every thread of this process to `nice` (0 leaves it as it is; one already nicer is
 * left alone, as lowering niceness needs privileges). On Linux each thread has its own niceness, so the
 * threads started before this call (V8's, libuv's) are each set by id, from /proc/self/task; threads started
 * afterwards (training's worker threads, libuv's pool) inherit it from the thread that starts them. `idle` puts
 * every thread in the SCHED_IDLE class instead ({@link idlePolicy}). Returns the niceness of the calling thread
 * afterwards (`idle` when that class was set).
 */
export function lowerWorkerPriority(nice: Niceness): Niceness {
  if (nice === 'idle') return idlePolicy(process.pid, true) ? 'idle' : os.getPriority();
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

/**
 * Puts a thread (or, with `allThreads`, every thread of process `id`) in Linux's SCHED_IDLE class: it runs only
 * when no thread of the normal class wants the CPU, nice 19 included. A process may always lower itself to it;
 * Node.js has no call for it, so util-linux's `chrt` sets it. Threads started afterwards inherit it. False where
 * that fails (not Linux, no `chrt`).
 */
export function idlePolicy(id: number, allThreads = false): boolean {
  try {
    execFileSync('chrt', [...(allThreads ? ['--all-tasks'] : []), '--idle', '--pid', '0', String(id)], {
      stdio: 'ignore',
      timeout: 5000,
    });
    return true;
  } catch {
    return false;
  }
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
