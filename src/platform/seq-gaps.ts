/**
 * Holes in the log positions a tailer has read past. On PostgreSQL `seq` is handed out at insert, so a
 * transaction still open (a long import, a slow batch) can commit a lower `seq` after higher ones were
 * read; a duplicate id or a rollback leaves a hole for good. Instead of waiting at a hole, the tailer
 * reads on, remembers the holes and picks up whatever fills them later, forgetting a hole after a while.
 */

/** An inclusive range of missing positions and when it was first seen (epoch ms). */
export type SeqGap = [from: number, to: number, seenAt: number];

/** The holes between `after` and each of `seqs` (ascending) that were skipped. */
export function findGaps(after: number, seqs: readonly number[], seenAt: number): SeqGap[] {
  const gaps: SeqGap[] = [];
  let previous = after;
  for (const seq of seqs) {
    if (seq > previous + 1) gaps.push([previous + 1, seq - 1, seenAt]);
    previous = Math.max(previous, seq);
  }
  return gaps;
}

/** The holes left after the positions in `found` turned up. */
export function fillGaps(gaps: readonly SeqGap[], found: ReadonlySet<number>): SeqGap[] {
  if (found.size === 0) return [...gaps];
  const sorted = [...found].sort((a, b) => a - b);
  const out: SeqGap[] = [];
  for (const [from, to, seenAt] of gaps) {
    let start = from;
    for (const seq of sorted) {
      if (seq < start || seq > to) continue;
      if (seq > start) out.push([start, seq - 1, seenAt]);
      start = seq + 1;
    }
    if (start <= to) out.push([start, to, seenAt]);
  }
  return out;
}

/** Drops holes older than `ttlMs`, then the oldest beyond `max` (a bound on what each run re-reads). */
export function expireGaps(gaps: readonly SeqGap[], now: number, ttlMs: number, max: number): SeqGap[] {
  const fresh = gaps.filter((g) => now - g[2] < ttlMs);
  return fresh.length <= max ? fresh : [...fresh].sort((a, b) => b[2] - a[2] || b[0] - a[0]).slice(0, max);
}

/** Reads stored holes (absent or unreadable: none). */
export function parseGaps(text: string | undefined): SeqGap[] {
  if (!text) return [];
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) ? (value as SeqGap[]) : [];
  } catch {
    return [];
  }
}
