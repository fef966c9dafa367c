/** Streams the rows of a delimited text file (RFC 4180 quoting) with the line each row starts on. */
import { readLines, type TextLine } from './read-lines.js';

/** A row of fields, or the reason a row could not be split, with its 1-based starting line. */
export type CsvRow = { line: number; fields: string[] } | { line: number; error: string };

/** Options for {@link readCsvRows}. */
export interface CsvRowOptions {
  /** Field separator; ',' by default. */
  delimiter?: string;
  /** Skip lines that are empty (or only whitespace); true by default. */
  skipEmptyLines?: boolean;
}

// A quoted field may span lines, but an unclosed quote must not swallow the rest of the file:
// past these limits the row is reported and reading resumes on the line after it.
const MAX_RECORD_LINES = 1000;
const MAX_RECORD_CHARS = 1 << 20;

/**
 * Splits one record into fields, or returns null when it ends inside a quoted field. Lenient like
 * spreadsheets: text between a closing quote and the next delimiter is kept, and a quote inside an
 * unquoted field is literal.
 */
export function splitCsvRecord(s: string, delimiter = ','): string[] | null {
  const fields: string[] = [];
  const n = s.length;
  let i = 0;
  for (;;) {
    if (s.charCodeAt(i) === 34) {
      let value = '';
      let closed = false;
      i++;
      while (i < n) {
        const q = s.indexOf('"', i);
        if (q === -1) break;
        value += s.slice(i, q);
        if (s.charCodeAt(q + 1) === 34) {
          value += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        closed = true;
        break;
      }
      if (!closed) return null;
      const next = s.indexOf(delimiter, i);
      fields.push(value + s.slice(i, next === -1 ? n : next));
      if (next === -1) return fields;
      i = next + delimiter.length;
    } else {
      const next = s.indexOf(delimiter, i);
      if (next === -1) {
        fields.push(s.slice(i));
        return fields;
      }
      fields.push(s.slice(i, next));
      i = next + delimiter.length;
    }
  }
}

/** Yields the rows of a CSV (or other delimited) file; `.gz` files are decompressed, a BOM is dropped. */
export async function* readCsvRows(path: string, options: CsvRowOptions = {}): AsyncGenerator<CsvRow> {
  const delimiter = options.delimiter ?? ',';
  const skipEmpty = options.skipEmptyLines ?? true;
  const source = readLines(path)[Symbol.asyncIterator]();
  // Lines to read again after an unclosed quote was given up on.
  const replay: TextLine[] = [];
  const next = async (): Promise<TextLine | undefined> => {
    const queued = replay.shift();
    if (queued) return queued;
    const r = await source.next();
    return r.done ? undefined : r.value;
  };
  for (let first = await next(); first; first = await next()) {
    if (skipEmpty && first.text.trim() === '') continue;
    let text = first.text;
    let fields = splitCsvRecord(text, delimiter);
    const taken: TextLine[] = [];
    while (!fields) {
      const more = taken.length < MAX_RECORD_LINES && text.length < MAX_RECORD_CHARS ? await next() : undefined;
      if (!more) break;
      taken.push(more);
      text += '\n' + more.text;
      fields = splitCsvRecord(text, delimiter);
    }
    if (fields) {
      yield { line: first.line, fields };
    } else {
      yield { line: first.line, error: 'a quoted field is never closed' };
      replay.unshift(...taken);
    }
  }
}
