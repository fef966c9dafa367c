/**
 * The CPU priority of one thread: on Linux each thread has its own niceness, so an API process can let its ingest
 * thread yield the CPU to the thread that answers requests (`DAOGOU_INGEST_THREAD_NICE`).
 */
import { readlinkSync } from 'node:fs';
import os from 'node:os';
import type { Niceness } from '../config/config.js';
import { MAX_NICE, idlePolicy } from '../jobs/worker-priority.js';

/**
 * Raises the niceness of the calling thread (only) to `nice`; 0 leaves it, and one already nicer is left alone
 * (lowering niceness needs privileges); `idle` puts it in the SCHED_IDLE class. Threads this thread starts
 * afterwards inherit it. Returns the thread's niceness (or `idle`) afterwards, or null where the system has no
 * per-thread priority to set (not Linux).
 */
export function lowerThreadPriority(nice: Niceness): Niceness | null {
  const tid = threadId();
  if (tid === null) return null;
  if (nice === 'idle') return idlePolicy(tid) ? 'idle' : null;
  try {
    if (nice > 0 && os.getPriority(tid) < nice) os.setPriority(tid, Math.min(nice, MAX_NICE));
    return os.getPriority(tid);
  } catch {
    return null;
  }
}

/** The kernel's id of the calling thread: /proc/thread-self links to "PID/task/TID" on Linux. */
function threadId(): number | null {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(tid) && tid > 0 ? tid : null;
  } catch {
    return null;
  }
}
