/**
 * Pros and cons of one item from its reviews' aspect mentions: per aspect how many reviews praise or
 * criticise it, and the clearest short clauses as extractive quotes.
 */
import type { Aspect } from './aspect-lexicon.js';
import type { AspectMention } from './extract-aspects.js';

/** One side (pros or cons) of an aspect. */
export interface AspectSide {
  /** Reviews with at least one mention of this polarity. */
  reviews: number;
  /** Representative clauses, clearest first. */
  quotes: string[];
}

/** What reviews say about one aspect. */
export interface AspectSummary {
  /** Which aspect. */
  aspect: Aspect;
  /** Reviews praising it. */
  positive: AspectSide;
  /** Reviews criticising it. */
  negative: AspectSide;
  /** Share of the aspect's reviews that are positive (0..1). */
  positiveShare: number;
}

/** Pros (mostly praised aspects) and cons (aspects with a real share of complaints), most-mentioned first. */
export interface ItemAspectSummary {
  /** Reviews summarised. */
  reviews: number;
  /** Every aspect mentioned, most reviews first. */
  aspects: AspectSummary[];
  /** Aspects whose positive share is at least 60%. */
  pros: Aspect[];
  /** Aspects with at least 2 negative reviews, or a negative share of 40% or more. */
  cons: Aspect[];
}

// Quotes that read as a phrase: long enough to say something, short enough to show on a product page.
const MIN_QUOTE = 4;
const MAX_QUOTE = 40;

/** Summarises the mentions of each review (one array per review). */
export function summarizeAspects(perReview: readonly (readonly AspectMention[])[], quotes = 3): ItemAspectSummary {
  interface Acc {
    pos: Set<number>;
    neg: Set<number>;
    posQuotes: { text: string; strength: number }[];
    negQuotes: { text: string; strength: number }[];
  }
  const acc = new Map<Aspect, Acc>();
  perReview.forEach((mentions, r) => {
    for (const m of mentions) {
      let a = acc.get(m.aspect);
      if (!a) acc.set(m.aspect, (a = { pos: new Set(), neg: new Set(), posQuotes: [], negQuotes: [] }));
      const positive = m.polarity === 'positive';
      (positive ? a.pos : a.neg).add(r);
      const length = [...m.clause].length;
      if (length >= MIN_QUOTE && length <= MAX_QUOTE) {
        (positive ? a.posQuotes : a.negQuotes).push({ text: m.clause, strength: Math.abs(m.score - 0.5) });
      }
    }
  });
  const pick = (list: { text: string; strength: number }[]): string[] => {
    const seen = new Set<string>();
    return [...list]
      .sort((x, y) => y.strength - x.strength || x.text.length - y.text.length || x.text.localeCompare(y.text))
      .filter((q) => !seen.has(q.text) && seen.add(q.text))
      .slice(0, quotes)
      .map((q) => q.text);
  };
  const aspects: AspectSummary[] = [...acc.entries()].map(([aspect, a]) => ({
    aspect,
    positive: { reviews: a.pos.size, quotes: pick(a.posQuotes) },
    negative: { reviews: a.neg.size, quotes: pick(a.negQuotes) },
    positiveShare: a.pos.size / Math.max(1, a.pos.size + a.neg.size),
  }));
  const total = (s: AspectSummary): number => s.positive.reviews + s.negative.reviews;
  aspects.sort((x, y) => total(y) - total(x) || x.aspect.localeCompare(y.aspect));
  return {
    reviews: perReview.length,
    aspects,
    pros: aspects.filter((s) => s.positiveShare >= 0.6).map((s) => s.aspect),
    cons: aspects
      .filter((s) => s.negative.reviews >= 2 || (s.negative.reviews > 0 && s.positiveShare <= 0.6))
      .map((s) => s.aspect),
  };
}
