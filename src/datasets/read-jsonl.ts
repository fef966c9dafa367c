/** Reads JSON Lines: one record per line in the API's JSON shape. */
import { parseIssue, type ReadResult } from './parse-issue.js';
import { readLineBatches } from './read-lines.js';
import type { RecordKind } from './source-record.js';

/**
 * Yields one record per non-blank line of a `.jsonl`/`.ndjson` file (optionally `.gz`). A line that is
 * not JSON yields a {@link ParseIssue} with its line number; reading goes on.
 */
export async function* readJsonl(path: string, kind: RecordKind): AsyncGenerator<ReadResult> {
  // Lines come a chunk at a time: one async step per 64 KiB rather than two per line.
  for await (const batch of readLineBatches(path)) {
    for (const { line, text } of batch) {
      if (text.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (err) {
        yield parseIssue(path, line, `not valid JSON: ${(err as Error).message}`, kind);
        continue;
      }
      yield { kind, value, source: { file: path, line } };
    }
  }
}
