/** A line a reader could not turn into a record, reported in-stream so the importer can name its line. */
import type { RecordKind, SourceRecord } from './source-record.js';

/** A line that could not be parsed (bad JSON, broken CSV quoting, wrong field count, …). */
export interface ParseIssue {
  /** Discriminates issues from records: a `SourceRecord`'s kind is never 'issue'. */
  kind: 'issue';
  /** The kind of record the line was meant to hold, when the reader knows it. */
  recordKind?: RecordKind;
  /** What is wrong, for a human. */
  message: string;
  /** Where: file name and 1-based line number. */
  source: { file: string; line: number };
}

/** What readers and adapters yield: a record to validate, or a line that could not be read. */
export type ReadResult = SourceRecord | ParseIssue;

/** True when a read result is a parse issue rather than a record. */
export function isParseIssue(r: ReadResult): r is ParseIssue {
  return r.kind === 'issue';
}

/** Builds a parse issue. */
export function parseIssue(file: string, line: number, message: string, recordKind?: RecordKind): ParseIssue {
  return recordKind
    ? { kind: 'issue', recordKind, message, source: { file, line } }
    : { kind: 'issue', message, source: { file, line } };
}
