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

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** Marks the parts of `source` that analyse to one of `terms`. */
export function highlight(source: string, terms: ReadonlySet<string>, options: AnalyzeOptions = {}): Highlight {
  const { text, offsets } = normalizeWithOffsets(source);
  const raw: [number, number][] = [];
  for (const t of analyzeNormalized(text, { ...options, stopWords: false })) {
    if (terms.has(t.term)) raw.push([offsets[t.start] ?? 0, offsets[t.end] ?? source.length]);
  }
  raw.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
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
