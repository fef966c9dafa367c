/** The text analyser: normalise, split CJK and Latin runs, tokenize, drop stop words, stem English words. */
import { segmentChinese } from './chinese-segmenter.js';
import { tokenizeLatin } from './latin-tokenizer.js';
import { normalizeText } from './normalize.js';
import { pluralStem, stemWord } from './stem.js';
import { STOP_WORDS } from './stop-words.js';
import type { Token } from './token.js';

/** Options of {@link analyze}. */
export interface AnalyzeOptions {
  /** Stem English words (default true). */
  stem?: boolean;
  /** Which stemmer: Porter (default) or plural-only. */
  stemmer?: 'porter' | 'plural';
  /** Drop stop words (default true). */
  stopWords?: boolean;
  /** 'full' applies unit, SKU and CJK rules; 'simple' only lower-cases and splits on non-alphanumerics (a baseline). */
  mode?: 'full' | 'simple';
  /** Keep the same term more than once (default true; document indexing needs frequencies). */
  duplicates?: boolean;
}

const CJK_RUN_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;
const SIMPLE_RE = /[\p{L}\p{N}]+/gu;

function analyzeSimple(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.toLowerCase().matchAll(SIMPLE_RE)) {
    out.push({ term: m[0], surface: m[0], kind: 'word', start: m.index, end: m.index + m[0].length });
  }
  return out;
}

function tokenizeMixed(text: string): Token[] {
  const out: Token[] = [];
  let last = 0;
  for (const m of text.matchAll(CJK_RUN_RE)) {
    if (m.index > last) out.push(...tokenizeLatin(text.slice(last, m.index), last));
    let cursor = m.index;
    for (const w of segmentChinese(m[0])) {
      // Search mode emits sub-words before their compound, so a word may start before the cursor.
      let idx = text.indexOf(w, cursor);
      if (idx < 0) idx = text.lastIndexOf(w, cursor);
      const at = idx < m.index ? m.index : idx;
      cursor = at;
      out.push({ term: w, surface: w, kind: 'cjk', start: at, end: at + w.length });
    }
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(...tokenizeLatin(text.slice(last), last));
  return out;
}

/** Analyses already-normalised text (offsets refer to it). */
export function analyzeNormalized(text: string, options: AnalyzeOptions = {}): Token[] {
  const { stem = true, stopWords = true, mode = 'full', duplicates = true } = options;
  const stemFn = options.stemmer === 'plural' ? pluralStem : stemWord;
  const raw = mode === 'simple' ? analyzeSimple(text) : tokenizeMixed(text);
  const out: Token[] = [];
  const seen = duplicates ? null : new Set<string>();
  for (const t of raw) {
    if (stopWords && (t.kind === 'word' || t.kind === 'cjk') && STOP_WORDS.has(t.surface)) continue;
    if (stem && (t.kind === 'word' || mode === 'simple')) t.term = stemFn(t.surface);
    if (seen) {
      if (seen.has(t.term)) continue;
      seen.add(t.term);
    }
    out.push(t);
  }
  return out;
}

/** Normalises then analyses text into tokens (offsets refer to the normalised text). */
export function analyze(text: string, options: AnalyzeOptions = {}): Token[] {
  const mode = options.mode ?? 'full';
  return analyzeNormalized(mode === 'simple' ? text : normalizeText(text), options);
}

/** The indexable terms of a text (see {@link analyze}). */
export function analyzeTerms(text: string, options: AnalyzeOptions = {}): string[] {
  return analyze(text, options).map((t) => t.term);
}
