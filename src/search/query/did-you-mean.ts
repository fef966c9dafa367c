/** "Did you mean": replaces query words the catalogue never uses with the closest frequent word it does use. */
import { analyzeNormalized } from '../../text/analyzer.js';
import { normalizeText } from '../../text/normalize.js';
import { isExactOnly } from '../../text/token.js';
import type { InvertedIndex } from '../indexing/inverted-index.js';
import { maxTypos } from '../indexing/typo-policy.js';

/** The closest known word for an unknown one, or undefined (prefers fewer edits, then more documents). */
export function correctWord(index: InvertedIndex, surface: string): string | undefined {
  const known = index.surfaces.get(surface);
  if (known && index.docFreq(known.termId) > 0) return undefined;
  const maxD = Math.max(1, maxTypos([...surface].length));
  if ([...surface].length < 3) return undefined;
  // The nearest distance wins, so the wide distance-2 walk runs only when distance 1 finds nothing (as in
  // query planning, whose cached distance-1 walk this shares: a cold distance-2 walk costs milliseconds).
  for (let d = 1; d <= maxD; d++) {
    let best: { word: string; d: number; c: number } | undefined;
    for (const h of index.expansions.fuzzy(surface, d)) {
      const info = index.surfaces.get(h.word);
      if (!info || info.exactOnly || index.docFreq(info.termId) === 0) continue;
      if (!best || h.distance < best.d || (h.distance === best.d && info.count > best.c)) {
        best = { word: h.word, d: h.distance, c: info.count };
      }
    }
    if (best) return best.word;
  }
  return undefined;
}

/** A corrected query, or null when every word is known (or nothing could be corrected). */
export function didYouMean(index: InvertedIndex, query: string): string | null {
  // Offsets refer to the normalised query, so the suggestion is rebuilt from it.
  const norm = normalizeText(query);
  const tokens = analyzeNormalized(norm, { ...index.analyzeOptions, stopWords: false });
  let text = '';
  let at = 0;
  let changed = false;
  const ordered = tokens.filter((t) => t.kind === 'word').sort((a, b) => a.start - b.start);
  for (const t of ordered) {
    if (t.start < at || isExactOnly(t.kind)) continue;
    const fix = correctWord(index, t.surface);
    if (fix === undefined) continue;
    text += norm.slice(at, t.start) + fix;
    at = t.end;
    changed = true;
  }
  if (!changed) return null;
  return (text + norm.slice(at)).replace(/\s+/g, ' ').trim();
}
