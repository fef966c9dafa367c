/** What readers and dataset adapters produce: raw records, not yet validated, with where they came from. */

/** The three kinds of data a store sends. */
export type RecordKind = 'items' | 'customers' | 'events';

/** The record kinds in the order they must be written (events may refer to items and customers). */
export const RECORD_KINDS: readonly RecordKind[] = ['items', 'customers', 'events'];

/** One raw record read from a file, to be validated against the schema of its kind. */
export interface SourceRecord {
  kind: RecordKind;
  /** The record in the API's JSON shape (ItemInput, CustomerInput or EventInput), unvalidated. */
  value: unknown;
  /** Where it came from, for error messages: file name and 1-based line number. */
  source: { file: string; line: number };
}
