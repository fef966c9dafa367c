/** Small helpers over read results: gather them, count them by kind (for summaries, tests and dry runs). */
import type { ReadResult } from './parse-issue.js';

/** Reads an async iterable to the end into an array (only for small inputs). */
export async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of source) out.push(x);
  return out;
}

/** How many items, customers, events and parse issues a source yields, reading it in constant memory. */
export async function countKinds(source: AsyncIterable<ReadResult>): Promise<Record<ReadResult['kind'], number>> {
  const counts = { items: 0, customers: 0, events: 0, issue: 0 };
  for await (const r of source) counts[r.kind]++;
  return counts;
}

/** A result's record value, or undefined for a parse issue. */
export function recordValue(r: ReadResult | undefined): unknown {
  return r && r.kind !== 'issue' ? r.value : undefined;
}
