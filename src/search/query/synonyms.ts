/** Synonym lists: two-way groups and one-way rules, stored by analysed term so queries expand cheaply. */
import { analyzeTerms } from '../../text/analyzer.js';
import type { AnalyzeOptions } from '../../text/analyzer.js';

/** A synonym rule as configured by a merchant: a two-way group, or one-way `from → to`. */
export type SynonymRule = { kind: 'two-way'; words: string[] } | { kind: 'one-way'; from: string; to: string[] };

/** One expansion: the analysed terms that stand in for the key, and how much a match through it counts. */
export interface SynonymExpansion {
  /** Analysed terms of the replacement (several for a phrase: all count, summed). */
  terms: string[];
  /** Weight relative to the original word. */
  weight: number;
}

/** Compiled synonym rules: analysed key (terms joined by a space) → expansions. */
export class SynonymSet {
  private readonly map = new Map<string, SynonymExpansion[]>();
  /** Longest key in terms, so the query scanner knows how far to look ahead. */
  maxKeyTerms = 1;

  /** Compiles rules with the analyser the index uses; `weight` is how much a synonym match counts (default 0.85). */
  constructor(rules: readonly SynonymRule[] = [], analyzeOptions: AnalyzeOptions = {}, weight = 0.85) {
    const an = (s: string): string[] => analyzeTerms(s, { ...analyzeOptions, duplicates: false });
    for (const r of rules) {
      if (r.kind === 'two-way') {
        const forms = r.words.map(an).filter((t) => t.length > 0);
        for (const a of forms) for (const b of forms) if (a.join(' ') !== b.join(' ')) this.add(a, b, weight);
      } else {
        const from = an(r.from);
        for (const to of r.to) {
          const t = an(to);
          if (from.length > 0 && t.length > 0) this.add(from, t, weight);
        }
      }
    }
  }

  /** Number of keys. */
  get size(): number {
    return this.map.size;
  }

  /** Expansions for an analysed key (terms joined by one space). */
  lookup(key: string): readonly SynonymExpansion[] | undefined {
    return this.map.get(key);
  }

  private add(from: string[], to: string[], weight: number): void {
    const key = from.join(' ');
    const list = this.map.get(key) ?? [];
    if (!list.some((e) => e.terms.join(' ') === to.join(' '))) list.push({ terms: to, weight });
    this.map.set(key, list);
    this.maxKeyTerms = Math.max(this.maxKeyTerms, from.length);
  }
}
