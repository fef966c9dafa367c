/** Record streams as batches: what the bulk importer consumes, one async step per batch rather than per record. */
import { findAdapter } from './adapters/index.js';
import type { ReadResult } from './parse-issue.js';
import { readCsv } from './read-csv.js';
import { readJsonlBatches } from './read-jsonl.js';
import { sourceSpec, type SourceSpec } from './source-spec.js';

/** Re-opens the files a recipe names, from their start, as batches of read results. */
export function openSourceBatches(spec: SourceSpec): AsyncIterable<ReadResult[]> {
  if (spec.reader === 'adapter') {
    const adapter = findAdapter(spec.adapter);
    if (!adapter) throw new Error(`unknown dataset adapter "${spec.adapter}"`);
    return inBatches(adapter.read(spec.paths, spec.options));
  }
  if (spec.format === 'jsonl') return readJsonlBatches(spec.path, spec.kind);
  const { delimiter = spec.format === 'tsv' ? '\t' : ',', listSeparator } = spec;
  return inBatches(
    readCsv(spec.path, spec.kind, listSeparator === undefined ? { delimiter } : { delimiter, listSeparator }),
  );
}

/**
 * Any record stream as batches. A stream that carries its recipe and was not started yet is re-opened
 * through its batch reader (for JSON Lines, faster than record by record).
 */
export function sourceBatches(source: AsyncIterable<ReadResult>): AsyncIterable<ReadResult[]> {
  const spec = sourceSpec(source);
  return spec ? openSourceBatches(spec) : inBatches(source);
}

/** Groups a record stream into batches of up to `size` (never an empty one). */
export async function* inBatches(source: AsyncIterable<ReadResult>, size = 1000): AsyncGenerator<ReadResult[]> {
  let batch: ReadResult[] = [];
  for await (const r of source) {
    batch.push(r);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
