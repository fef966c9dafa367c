/**
 * Dimension terms: "2 in. x 4 in. x 8 ft." in a title and "2x4x8" in a query name the same board, but the
 * tokenizer only sees the written-together form as one term. Both sides derive `AxB` and `AxBxC` terms from
 * numbers joined by "x", so either spelling matches the other.
 */
import type { Token } from '../../text/token.js';

const X_GAP_RE = /^[\s.]*x[\s.]*$/;
const DECIMAL_RE = /^\d+(?:\.\d+)?$/;
/** Longest run of sizes joined into one term (length × width × height). */
const MAX_PARTS = 3;

/** Dimension tokens (kind 'measure') for runs of numbers separated by "x" in `text`; tokens in text order. */
export function dimensionTerms(text: string, tokens: readonly Token[]): Token[] {
  const out: Token[] = [];
  let run: Token[] = [];
  let runEnd = -1;
  const flush = (): void => {
    for (let size = 2; size <= MAX_PARTS; size++) {
      for (let i = 0; i + size <= run.length; i++) {
        const parts = run.slice(i, i + size);
        // Fractions are left out: the tokenizer never writes them into one dimension term either.
        if (!parts.every((p) => DECIMAL_RE.test(p.term))) continue;
        const term = parts.map((p) => p.term).join('x');
        const start = parts[0]!.start;
        const end = parts[size - 1]!.end;
        out.push({ term, surface: term, kind: 'measure', start, end });
      }
    }
    run = [];
  };
  for (const t of tokens) {
    // Units, measures and the parts of a mixed fraction start inside the number they belong to.
    if (t.start < runEnd) {
      runEnd = Math.max(runEnd, t.end);
      continue;
    }
    if (t.kind !== 'number') {
      flush();
      runEnd = t.end;
      continue;
    }
    if (run.length === 0 || !X_GAP_RE.test(text.slice(runEnd, t.start))) flush();
    run.push(t);
    runEnd = t.end;
  }
  flush();
  return out;
}
