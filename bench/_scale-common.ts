/** Pieces the scale benchmarks share: process CPU and memory from /proc, and the ingested events. */
import { readFileSync } from 'node:fs';

/** The event types of generated and ingested events, weighted as a store sees them. */
export const SCALE_TYPES = [
  'view',
  'view',
  'view',
  'view',
  'view',
  'click',
  'click',
  'add_to_cart',
  'wishlist',
  'purchase',
];

/** RSS and peak RSS of a process, MiB (Linux /proc). */
export function memory(pid: number | undefined): { rss: number; peak: number } {
  if (pid === undefined) return { rss: Number.NaN, peak: Number.NaN };
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN);
    return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
  } catch {
    return { rss: Number.NaN, peak: Number.NaN };
  }
}

/** CPU seconds (user + system) a process has used so far, from /proc (clock ticks of 10 ms); NaN once gone. */
export function cpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** A maker of ingest batches: events of customers c1…cN and items i1…iM at `now`, ids unique per prefix. */
export function scaleBatchMaker(now: number, customers: number, items: number) {
  return (prefix: string, size: number): Record<string, unknown>[] =>
    Array.from({ length: size }, (_, i) => {
      let n = i * 104_729;
      for (let c = 0; c < prefix.length; c++) n = (n * 31 + prefix.charCodeAt(c)) >>> 0;
      const type = SCALE_TYPES[i % SCALE_TYPES.length]!;
      return {
        id: `a-${prefix}-${i}`,
        type,
        customerId: `c${1 + (n % customers)}`,
        itemId: `i${1 + ((n * 31 + i) % items)}`,
        channel: 'web',
        timestamp: now,
        ...(type === 'purchase' ? { quantity: 1, price: 20, orderId: `ao-${prefix}-${i}` } : {}),
      };
    });
}
