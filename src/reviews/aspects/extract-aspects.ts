/**
 * Aspect-based sentiment: finds the aspects each clause of a review names (lexicon match, longest
 * term first) and gives each the polarity of its clause from the sentiment model, so
 * "质量很好，就是尺码偏小" yields quality positive and size negative.
 */
import { ASPECTS, EN_TERMS, ZH_TERMS, type Aspect } from './aspect-lexicon.js';
import { splitClauses } from './split-clauses.js';

/** Scores a clause: probability that it is positive. */
export type ClauseScorer = (clause: string) => number;

/** One aspect mention in a review. */
export interface AspectMention {
  /** Which aspect. */
  aspect: Aspect;
  /** Polarity of the clause that names it. */
  polarity: 'positive' | 'negative';
  /** The model's probability that the clause is positive. */
  score: number;
  /** The clause (an extractive quote). */
  clause: string;
}

interface Matcher {
  pattern: RegExp;
  aspectOf: Map<string, Aspect>;
}

function escape(term: string): string {
  return term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function matcher(terms: Record<Aspect, readonly string[]>, words: boolean): Matcher {
  const aspectOf = new Map<string, Aspect>();
  for (const aspect of ASPECTS) for (const t of terms[aspect]) aspectOf.set(t.toLowerCase(), aspect);
  // Longest first, so the alternation prefers "sound quality" over "quality".
  const alternatives = [...aspectOf.keys()].sort((a, b) => b.length - a.length).map(escape);
  const body = alternatives.join('|');
  return { pattern: new RegExp(words ? `\\b(?:${body})\\b` : body, 'gu'), aspectOf };
}

const ZH = matcher(ZH_TERMS, false);
const EN = matcher(EN_TERMS, true);

/** The aspects a clause names, once each, in order of first mention. */
export function aspectsInClause(clause: string): Aspect[] {
  const lower = clause.toLowerCase();
  const found: Aspect[] = [];
  for (const m of [ZH, EN]) {
    for (const hit of lower.matchAll(m.pattern)) {
      const aspect = m.aspectOf.get(hit[0]);
      if (aspect && !found.includes(aspect)) found.push(aspect);
    }
  }
  return found;
}

/** The aspect mentions of one review; an aspect named in several clauses is reported per clause. */
export function extractAspects(text: string, score: ClauseScorer): AspectMention[] {
  const out: AspectMention[] = [];
  for (const clause of splitClauses(text)) {
    const aspects = aspectsInClause(clause);
    if (aspects.length === 0) continue;
    const p = score(clause);
    for (const aspect of aspects) {
      out.push({ aspect, polarity: p >= 0.5 ? 'positive' : 'negative', score: p, clause });
    }
  }
  return out;
}
