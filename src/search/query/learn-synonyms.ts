/**
 * Learns synonyms from the store's own behaviour: when people searching a word keep clicking or buying
 * items whose text lacks that word but shares another one, the pair is proposed as a one-way synonym.
 */
import { analyze } from '../../text/analyzer.js';
import type { AnalyzeOptions } from '../../text/analyzer.js';
import { documentFieldTexts } from '../indexing/fields.js';
import type { SearchDocument } from '../search-document.js';
import type { SynonymRule } from './synonyms.js';

/** A query followed by a click or purchase of an item. */
export interface SearchClickPair {
  /** The query typed. */
  query: string;
  /** The item clicked or bought afterwards. */
  itemId: string;
  /** Strength (e.g. 1 click, 3 purchase; default 1). */
  weight?: number;
}

/** A proposed synonym with its evidence. */
export interface LearnedSynonym {
  /** The query word (analysed form). */
  from: string;
  /** The catalogue word it stands for (analysed form). */
  to: string;
  /** `from` as people typed it (before stemming). */
  fromWord: string;
  /** `to` as it appears in the catalogue (before stemming). */
  toWord: string;
  /** Share of the word's clicked items that contain `to` and not `from`. */
  confidence: number;
  /** Weighted number of supporting clicks. */
  support: number;
}

/** Options of {@link learnSynonyms}. */
export interface LearnSynonymsOptions {
  /** Minimum weighted supporting clicks (default 3). */
  minSupport?: number;
  /** Minimum confidence (default 0.3). */
  minConfidence?: number;
  /** Proposals kept per query word (default 2). */
  perWord?: number;
  /** Analyser options (use the index's). */
  analyze?: AnalyzeOptions;
}

/** Proposes synonyms from query → clicked/purchased item pairs; review them, then pass to `setSynonyms`. */
export function learnSynonyms(
  pairs: Iterable<SearchClickPair>,
  items: (id: string) => SearchDocument | undefined,
  options: LearnSynonymsOptions = {},
): LearnedSynonym[] {
  const an: AnalyzeOptions = { ...options.analyze, duplicates: false };
  const surface = new Map<string, string>();
  const analyzeTerms = (text: string): string[] =>
    analyze(text, an).map((t) => {
      if (!surface.has(t.term)) surface.set(t.term, t.surface);
      return t.term;
    });
  const itemTerms = new Map<string, Set<string> | null>();
  const termsOf = (id: string): Set<string> | null => {
    if (!itemTerms.has(id)) {
      const doc = items(id);
      itemTerms.set(id, doc ? new Set(analyzeTerms(documentFieldTexts(doc).join(' \n '))) : null);
    }
    return itemTerms.get(id)!;
  };
  const wordTotal = new Map<string, number>();
  const together = new Map<string, Map<string, number>>();
  const docFreq = new Map<string, number>();
  for (const p of pairs) {
    const terms = termsOf(p.itemId);
    if (!terms) continue;
    const w = p.weight ?? 1;
    for (const t of terms) docFreq.set(t, (docFreq.get(t) ?? 0) + w);
    for (const q of new Set(analyzeTerms(p.query))) {
      wordTotal.set(q, (wordTotal.get(q) ?? 0) + w);
      // The word already matches this item: no synonym needed for it.
      if (terms.has(q)) continue;
      const m = together.get(q) ?? new Map<string, number>();
      for (const t of terms) m.set(t, (m.get(t) ?? 0) + w);
      together.set(q, m);
    }
  }
  const minSupport = options.minSupport ?? 3;
  const minConfidence = options.minConfidence ?? 0.3;
  const totalClicks = [...wordTotal.values()].reduce((a, b) => a + b, 0) || 1;
  const out: LearnedSynonym[] = [];
  for (const [from, m] of together) {
    const total = wordTotal.get(from)!;
    const cands: LearnedSynonym[] = [];
    for (const [to, support] of m) {
      const confidence = support / total;
      if (support < minSupport || confidence < minConfidence) continue;
      // Lift over how often `to` appears in clicked items at all filters out words on every item ("steel").
      const base = (docFreq.get(to) ?? 0) / totalClicks;
      if (base > 0 && confidence / base < 2) continue;
      cands.push({ from, to, fromWord: surface.get(from) ?? from, toWord: surface.get(to) ?? to, confidence, support });
    }
    cands.sort((a, b) => b.confidence - a.confidence || b.support - a.support);
    out.push(...cands.slice(0, options.perWord ?? 2));
  }
  return out.sort((a, b) => b.support - a.support || a.from.localeCompare(b.from));
}

/** Turns learned synonyms into one-way rules for a {@link SynonymSet}. */
export function toSynonymRules(learned: readonly LearnedSynonym[]): SynonymRule[] {
  const byFrom = new Map<string, string[]>();
  for (const l of learned) byFrom.set(l.fromWord, [...(byFrom.get(l.fromWord) ?? []), l.toWord]);
  return [...byFrom].map(([from, to]) => ({ kind: 'one-way', from, to }));
}
