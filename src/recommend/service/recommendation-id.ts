/** Ids of served recommendation lists. */
import { randomUUID } from 'node:crypto';

/**
 * A UUID version 7: 48 bits of milliseconds, then random bits. Ids that grow with time are appended at
 * the end of the log's primary-key index instead of at random places in it, which made each logged
 * list cheaper to write (the log takes one row per response).
 */
export function timeOrderedId(now: number): string {
  const t = Math.max(0, Math.floor(now)).toString(16).padStart(12, '0').slice(-12);
  const r = randomUUID();
  // r is xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx: keep its random tail and variant, set version 7.
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${r.slice(15)}`;
}
