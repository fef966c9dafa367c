/** How much an import will read, guessed from its files' sizes before reading them. */
import { statSync } from 'node:fs';
import { specFiles, type SourceSpec } from '../../datasets/source-spec.js';

// JSON Lines and CSV compress about tenfold: a .gz file is judged by a guess at what it holds.
const GZIP_RATIO = 8;
// Typical bytes per event line: our JSON Lines, our CSV/TSV, and the public formats' terse rows (Taobao's
// 35-byte lines, MovieLens ratings). Guessing high keeps the estimate low, the safe side for its use.
const BYTES_PER_EVENT = { jsonl: 200, csv: 80, adapter: 60 };

/** The files' total (uncompressed) size; a file that cannot be read counts as large, so the reader reports it. */
export function totalBytes(specs: readonly SourceSpec[]): number {
  let total = 0;
  for (const file of specs.flatMap(specFiles)) {
    const size = fileBytes(file);
    if (size === undefined) return Infinity;
    total += size;
  }
  return total;
}

/** About how many events the sources hold (0 for item and customer files and for unreadable ones). */
export function expectedEvents(specs: readonly SourceSpec[]): number {
  let total = 0;
  for (const spec of specs) {
    if (spec.reader === 'file' && spec.kind !== 'events') continue;
    const perEvent =
      spec.reader === 'adapter' ? BYTES_PER_EVENT.adapter : BYTES_PER_EVENT[spec.format === 'jsonl' ? 'jsonl' : 'csv'];
    for (const file of specFiles(spec)) total += (fileBytes(file) ?? 0) / perEvent;
  }
  return Math.floor(total);
}

function fileBytes(file: string): number | undefined {
  try {
    return statSync(file).size * (file.toLowerCase().endsWith('.gz') ? GZIP_RATIO : 1);
  } catch {
    return undefined;
  }
}
