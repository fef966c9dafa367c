/** Latin-script tokenizer: words, numbers with units (`33 in`, `1/2"`, `3/4-in.`), dimensions (`2x4`) and SKU codes. */
import type { Token } from './token.js';
import { canonicalUnit } from './units.js';

const CHUNK_RE = /[\p{L}\p{N}]+(?:[-./'_][\p{L}\p{N}]+)*/gu;
const DIGIT_RE = /\d/;
const NUMBER_RE = /^(?:\d+(?:\.\d+)?|\d+\/\d+|\d+-\d+\/\d+)$/;
const NUMBER_UNIT_RE = /^(\d+(?:\.\d+)?|\d+\/\d+|\d+-\d+\/\d+)-?([a-z]+)$/;
const DIMENSION_RE = /^\d+(?:\.\d+)?(?:x\d+(?:\.\d+)?)+$/;
const SEPARATOR_RE = /[-./_]/;
const LETTER_DIGIT_RE = /[a-z]+|\d+/g;

/** Canonical spelling of a number: "33.0" → "33", "05" → "5" (fractions kept as written). */
function canonicalNumber(n: string): string {
  if (/^\d+(?:\.\d+)?$/.test(n)) {
    const v = Number(n);
    return Number.isFinite(v) ? String(v) : n;
  }
  return n;
}

function push(out: Token[], term: string, kind: Token['kind'], start: number, end: number): void {
  if (term.length > 0) out.push({ term, surface: term, kind, start, end });
}

function pushNumber(out: Token[], raw: string, start: number, end: number): string {
  const n = canonicalNumber(raw);
  push(out, n, 'number', start, end);
  // "1-1/2" is also searchable as its whole part and its fraction.
  const mixed = /^(\d+)-(\d+\/\d+)$/.exec(raw);
  if (mixed) {
    push(out, mixed[1]!, 'number', start, end);
    push(out, mixed[2]!, 'number', start, end);
  }
  return n;
}

function pushMeasure(out: Token[], n: string, unit: string, start: number, end: number): void {
  push(out, unit, 'unit', start, end);
  push(out, n + unit, 'measure', start, end);
}

function pushSku(out: Token[], chunk: string, start: number, end: number): void {
  push(out, chunk, 'sku', start, end);
  const seen = new Set<string>([chunk]);
  for (const part of chunk.split(SEPARATOR_RE)) {
    const pieces = DIGIT_RE.test(part) && /[a-z]/.test(part) ? [part, ...(part.match(LETTER_DIGIT_RE) ?? [])] : [part];
    for (const p of pieces) {
      if (p.length === 0 || seen.has(p)) continue;
      seen.add(p);
      const at = start + Math.max(0, chunk.indexOf(p));
      push(out, p, DIGIT_RE.test(p) ? 'sku' : 'word', at, at + p.length);
    }
  }
}

function pushWords(out: Token[], chunk: string, start: number, end: number): void {
  const joined = chunk.replace(/'/g, '');
  const parts = joined.split(SEPARATOR_RE).filter((p) => p.length > 0);
  if (parts.length <= 1) {
    push(out, joined, 'word', start, end);
    return;
  }
  let from = 0;
  for (const p of parts) {
    const idx = chunk.indexOf(p, from);
    const at = idx < 0 ? start : start + idx;
    if (idx >= 0) from = idx + p.length;
    push(out, p, 'word', at, at + p.length);
  }
  // "strong-tie" is also typed "strongtie".
  push(out, parts.join(''), 'word', start, end);
}

/** The unit written right after a number with no space: `"` or `''` (inches) and `'` (feet). */
function quoteUnit(text: string, at: number): { unit: string; length: number } | undefined {
  if (text[at] === '"') return { unit: 'in', length: 1 };
  if (text[at] === "'") return text[at + 1] === "'" ? { unit: 'in', length: 2 } : { unit: 'ft', length: 1 };
  return undefined;
}

/** Tokenizes normalised Latin-script text (see {@link normalizeText}); offsets are relative to `text` plus `base`. */
export function tokenizeLatin(text: string, base = 0): Token[] {
  const out: Token[] = [];
  const chunks = [...text.matchAll(CHUNK_RE)];
  for (let i = 0; i < chunks.length; i++) {
    const m = chunks[i]!;
    const chunk = m[0];
    const start = base + m.index;
    const end = start + chunk.length;
    if (!DIGIT_RE.test(chunk)) {
      pushWords(out, chunk, start, end);
      continue;
    }
    if (NUMBER_RE.test(chunk)) {
      const n = pushNumber(out, chunk, start, end);
      const afterAt = m.index + chunk.length;
      const quote = quoteUnit(text, afterAt);
      if (quote) {
        pushMeasure(out, n, quote.unit, start, end + quote.length);
        continue;
      }
      // A unit word right after the number ("33 in", "12-gauge"): consume it so "in" is not a stop word here.
      const next = chunks[i + 1];
      if (next && /^[\s-]*$/.test(text.slice(afterAt, next.index))) {
        const unit = canonicalUnit(next[0].replace(/\.$/, ''));
        if (unit !== undefined) {
          pushMeasure(out, n, unit, start, base + next.index + next[0].length);
          i++;
        }
      }
      continue;
    }
    const nu = NUMBER_UNIT_RE.exec(chunk);
    const unit = nu ? canonicalUnit(nu[2]!) : undefined;
    if (nu && unit !== undefined) {
      const n = pushNumber(out, nu[1]!, start, start + nu[1]!.length);
      pushMeasure(out, n, unit, start, end);
      continue;
    }
    if (DIMENSION_RE.test(chunk)) {
      push(out, chunk, 'measure', start, end);
      for (const n of chunk.split('x')) push(out, canonicalNumber(n), 'number', start, end);
      continue;
    }
    pushSku(out, chunk, start, end);
  }
  return out;
}
