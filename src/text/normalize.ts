/** Text normalisation shared by every analyser: NFKC, case folding, accent folding, full-width → half-width. */

const COMBINING_MARKS = /\p{M}+/gu;
// Typographic quotes and primes carry measurement meaning in catalogues (6′ = 6 ft, 1/2″ = 1/2 in).
const PUNCT_MAP: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u2032': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u2033': '"',
  '\u3000': ' ',
};
const PUNCT_RE = /[\u2018\u2019\u2032\u201c\u201d\u2033\u3000]/g;

/** Folds one string: NFKC (full-width → half-width), lower case, accents stripped, typographic quotes unified. */
export function normalizeText(text: string): string {
  let s = text.normalize('NFKC').toLowerCase();
  // Only decompose when there is something non-ASCII: NFD is the slow part and most catalogue text is ASCII.
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(s)) {
    s = s.normalize('NFD').replace(COMBINING_MARKS, '').normalize('NFC');
    s = s.replace(PUNCT_RE, (c) => PUNCT_MAP[c] ?? c);
  }
  return s;
}

/** A normalised string plus, for each of its UTF-16 units, the offset of the source unit it came from. */
export interface NormalizedWithOffsets {
  /** The normalised text (same rules as {@link normalizeText}). */
  text: string;
  /** `offsets[i]` is the start offset in the source of normalised unit `i`; one extra entry marks the end. */
  offsets: number[];
}

/** Normalises code point by code point so spans found in the normalised text map back to the source (highlighting). */
export function normalizeWithOffsets(source: string): NormalizedWithOffsets {
  // ASCII (most catalogue titles) folds to itself but for case, unit for unit: no per-character normalize().
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7f]/.test(source)) {
    const offsets = new Array<number>(source.length + 1);
    for (let i = 0; i <= source.length; i++) offsets[i] = i;
    return { text: source.toLowerCase(), offsets };
  }
  let text = '';
  const offsets: number[] = [];
  let i = 0;
  for (const ch of source) {
    const piece = ch.length === 1 && ch.charCodeAt(0) < 0x80 ? ch.toLowerCase() : normalizeText(ch);
    for (let k = 0; k < piece.length; k++) offsets.push(i);
    text += piece;
    i += ch.length;
  }
  offsets.push(source.length);
  return { text, offsets };
}
