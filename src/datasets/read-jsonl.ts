/** Reads JSON Lines: one record per line in the API's JSON shape. */
import { parseIssue, type ReadResult } from './parse-issue.js';
import { readLineBatches } from './read-lines.js';
import { describeSource, type DescribedSource } from './source-spec.js';
import type { RecordKind } from './source-record.js';

/**
 * Yields one record per non-blank line of a `.jsonl`/`.ndjson` file (optionally `.gz`). A line that is
 * not JSON yields a {@link ParseIssue} with its line number; reading goes on.
 */
export function readJsonl(path: string, kind: RecordKind): DescribedSource<AsyncGenerator<ReadResult>> {
  return describeSource(records(path, kind), { reader: 'file', path, kind, format: 'jsonl' });
}

async function* records(path: string, kind: RecordKind): AsyncGenerator<ReadResult> {
  for await (const batch of readJsonlBatches(path, kind)) yield* batch;
}

/**
 * Like {@link readJsonl}, but yields the records of each chunk read together (never an empty batch): the
 * bulk importer takes them a batch at a time, one async step per chunk rather than one per line.
 */
export async function* readJsonlBatches(path: string, kind: RecordKind): AsyncGenerator<ReadResult[]> {
  for await (const lines of readLineBatches(path)) {
    const batch: ReadResult[] = [];
    for (const { line, text } of lines) {
      // Most lines start with '{': only those that do not can be blank, so trim() only runs for them.
      if (text.charCodeAt(0) !== 123 && text.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (err) {
        batch.push(parseIssue(path, line, `not valid JSON: ${(err as Error).message}`, kind));
        continue;
      }
      batch.push({ kind, value, source: { file: path, line } });
    }
    if (batch.length > 0) yield batch;
  }
}
