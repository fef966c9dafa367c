/** Reads JSON Lines: one record per line in the API's JSON shape. */
import { parseIssue, type ReadResult } from './parse-issue.js';
import { readLines } from './read-lines.js';
import type { RecordKind } from './source-record.js';

/**
 * Yields one record per non-blank line of a `.jsonl`/`.ndjson` file (optionally `.gz`). A line that is
 * not JSON yields a {@link ParseIssue} with its line number; reading goes on.
 */
export async function* readJsonl(path: string, kind: RecordKind): AsyncGenerator<ReadResult> {
  for await (const { line, text } of readLines(path)) {
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
