/**
 * Ids of runs and messages. A run's id starts with the time and a per-process counter, so a million new runs
 * land at the end of the primary-key index instead of at random pages of it (random UUIDs made every insert
 * touch a different page once the index outgrew SQLite's cache); the random tail keeps ids of several
 * processes apart. A message's id is fixed by its run and step, so a replayed step finds its message.
 */
import { hash, randomBytes } from 'node:crypto';

let counter = 0;
let pool = Buffer.alloc(0);
let poolAt = 0;

function randomHex(bytes: number): string {
  // One randomBytes call per 4 KiB of ids: a call per id cost more than the rest of the id.
  if (poolAt + bytes > pool.length) {
    pool = randomBytes(4096);
    poolAt = 0;
  }
  const out = pool.toString('hex', poolAt, poolAt + bytes);
  poolAt += bytes;
  return out;
}

/** A new run id: `jr_` + 12 hex digits of time + 8 of a counter + 12 random ones. */
export function newRunId(now: number): string {
  counter = (counter + 1) % 0x100000000;
  const time = Math.max(0, Math.floor(now)).toString(16).padStart(12, '0').slice(-12);
  return `jr_${time}${counter.toString(16).padStart(8, '0')}${randomHex(6)}`;
}

/** The id of the message a run's step sends: the same on every replay of the step. */
export function messageId(runId: string, node: string): string {
  const digest = hash('sha256', `${runId}:${node}`, 'hex');
  // Runs with time-ordered ids give their messages the same order (the message log's key index appends too);
  // runs stored before those ids keep the id they always had.
  return runId.startsWith('jr_') ? `m_${runId.slice(3, 23)}${digest.slice(0, 16)}` : `m_${digest.slice(0, 24)}`;
}
