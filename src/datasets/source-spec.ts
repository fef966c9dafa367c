/**
 * A reader's recipe: plain data saying which files a record stream reads and how, attached to the stream
 * so a bulk importer can re-open the same files on a worker thread instead of reading them on its own.
 */
import type { AdapterOptions, AdapterPaths } from './adapters/dataset-adapter.js';
import type { ReadResult } from './parse-issue.js';
import type { RecordKind } from './source-record.js';

/** How to re-open a stream of one of our own files (JSON Lines, CSV, TSV). */
export interface FileSourceSpec {
  reader: 'file';
  path: string;
  kind: RecordKind;
  format: 'csv' | 'tsv' | 'jsonl';
  /** Field separator for CSV/TSV, when not the format's own. */
  delimiter?: string;
  /** Separator inside list cells for CSV/TSV, when not '|'. */
  listSeparator?: string;
}

/** How to re-open a public-format adapter's stream. */
export interface AdapterSourceSpec {
  reader: 'adapter';
  /** The adapter's name (see adapters/index.ts). */
  adapter: string;
  paths: AdapterPaths;
  options?: AdapterOptions;
}

/** Any recipe. */
export type SourceSpec = FileSourceSpec | AdapterSourceSpec;

/** The files a recipe reads. */
export function specFiles(spec: SourceSpec): string[] {
  if (spec.reader === 'file') return [spec.path];
  return Object.values(spec.paths).filter((p): p is string => p !== undefined);
}

// A registered symbol: the same key whether this module is loaded once or (tests, workers) several times.
const SPEC = Symbol.for('daogou.sourceSpec');

/** A record stream that carries the recipe it was made from. */
export type DescribedSource<S extends AsyncIterable<ReadResult> = AsyncIterable<ReadResult>> = S & {
  readonly [SPEC]: SourceSpec;
};

/** Attaches a recipe to a stream (the stream itself is returned, still usable as before). */
export function describeSource<S extends AsyncIterable<ReadResult>>(source: S, spec: SourceSpec): DescribedSource<S> {
  return Object.defineProperty(source, SPEC, { value: spec, enumerable: false }) as DescribedSource<S>;
}

/** The recipe a stream carries, or undefined for streams made otherwise (a hand-written generator). */
export function sourceSpec(source: AsyncIterable<ReadResult>): SourceSpec | undefined {
  return (source as Partial<DescribedSource>)[SPEC];
}
