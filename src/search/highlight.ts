/** Highlighting: spans of a title whose analysed terms are among the matched terms. */
import { analyzeNormalized } from '../text/analyzer.js';
import type { AnalyzeOptions } from '../text/analyzer.js';
import { normalizeWithOffsets } from '../text/normalize.js';

/** A highlighted text: the spans (source offsets, end exclusive) and a marked-up copy. */
export interface Highlight {
  /** Matched spans as [start, end) offsets into the source text, sorted and merged. */
  spans: [number, number][];
  /** The source text with `<mark>…</mark>` around matched spans (other text HTML-escaped). */
  html: string;
}

/** A text analysed once for highlighting against any query: each token's term id and its source span. */
export interface HighlightTokens {
  /** Term id per token (−1 when the index does not know the term). */
  termIds: Int32Array;
  /** Source offsets per token: start at 2i, end (exclusive) at 2i + 1. */
  spans: Int32Array;
}

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const HTML_SPECIAL = /[&<>"']/;
const HTML_SPECIAL_ALL = /[&<>"']/g;

// Most titles have nothing to escape: testing first skips the replace and its per-match callback.
const escapeHtml = (s: string): string =>
  HTML_SPECIAL.test(s) ? s.replace(HTML_SPECIAL_ALL, (c) => HTML_ENTITIES[c] ?? c) : s;

/** Analyses `source` (stop words kept, so "of" in a phrase can be marked) with source offsets per token. */
function sourceTokens(source: string, options: AnalyzeOptions): { term: string; start: number; end: number }[] {
  const { text, offsets } = normalizeWithOffsets(source);
  return analyzeNormalized(text, { ...options, stopWords: false }).map((t) => ({
    term: t.term,
    start: offsets[t.start] ?? 0,
    end: offsets[t.end] ?? source.length,
  }));
}

/** Analyses a text for {@link highlightTokens}, naming terms by id. */
export function analyzeForHighlight(
  source: string,
  termId: (term: string) => number,
  options: AnalyzeOptions = {},
): HighlightTokens {
  const tokens = sourceTokens(source, options);
  const termIds = new Int32Array(tokens.length);
  const spans = new Int32Array(tokens.length * 2);
  tokens.forEach((t, i) => {
    termIds[i] = termId(t.term);
    spans[2 * i] = t.start;
    spans[2 * i + 1] = t.end;
  });
  return { termIds, spans };
}

/** Sorts and merges overlapping spans, and marks them up in an HTML-escaped copy of the source. */
function markUp(source: string, raw: [number, number][]): Highlight {
  // Tokens come in text order, so the spans usually are already sorted.
  let sorted = true;
  for (let i = 1; i < raw.length && sorted; i++) sorted = raw[i - 1]![0] <= raw[i]![0];
  if (!sorted) raw.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const spans: [number, number][] = [];
  for (const s of raw) {
    const last = spans[spans.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else spans.push([s[0], s[1]]);
  }
  let html = '';
  let at = 0;
  for (const [a, b] of spans) {
    html += escapeHtml(source.slice(at, a)) + '<mark>' + escapeHtml(source.slice(a, b)) + '</mark>';
    at = b;
  }
  html += escapeHtml(source.slice(at));
  return { spans, html };
}

/** Marks the tokens of an analysed text (see {@link analyzeForHighlight}) whose term id is matched. */
export function highlightTokens(source: string, tokens: HighlightTokens, matched: ReadonlySet<number>): Highlight {
  const raw: [number, number][] = [];
  const { termIds, spans } = tokens;
  for (let i = 0; i < termIds.length; i++) {
    if (matched.has(termIds[i]!)) raw.push([spans[2 * i]!, spans[2 * i + 1]!]);
  }
  return markUp(source, raw);
}

/** Marks the parts of `source` that analyse to one of `terms`. */
export function highlight(source: string, terms: ReadonlySet<string>, options: AnalyzeOptions = {}): Highlight {
  const raw: [number, number][] = [];
  for (const t of sourceTokens(source, options)) if (terms.has(t.term)) raw.push([t.start, t.end]);
  return markUp(source, raw);
}
