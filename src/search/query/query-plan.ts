/** Turns a query's tokens into clauses: each clause is one query word and its weighted alternatives. */
import { stemWord } from '../../text/stem.js';
import type { Token } from '../../text/token.js';
import { isExactOnly } from '../../text/token.js';
import { bigramTerm, headTerm } from '../indexing/inverted-index.js';
import type { InvertedIndex } from '../indexing/inverted-index.js';
import type { SynonymSet } from './synonyms.js';
import { maxTypos } from '../indexing/typo-policy.js';

/** One way a clause can match: the sum of these terms' scores, times `weight`. */
export interface Alternative {
  /** Term ids (one for a word, several for a phrase synonym). */
  termIds: number[];
  /** Weight relative to an exact match. */
  weight: number;
  /** Why it is here (for explanations and highlighting). */
  via: 'exact' | 'typo' | 'prefix' | 'synonym' | 'related';
}

/** A query word with its alternatives; a document's clause score is its best alternative. */
export interface Clause {
  /** The query token. */
  token: Token;
  /** Alternatives, best first. */
  alternatives: Alternative[];
  /** Multiplier of this clause's score (the head word of a query weighs more). */
  boost: number;
  /** A bonus clause (adjacent-word pair): adds score but does not count towards coverage. */
  optional?: boolean;
}

/** Which expansions to apply. */
export interface PlanOptions {
  /** Typo tolerance (default true). */
  typo?: boolean;
  /** Complete the last word as a prefix (default false; search-as-you-type turns it on). */
  prefix?: boolean;
  /** Synonyms to expand with. */
  synonyms?: SynonymSet;
  /** Weight of a match at edit distance 1 (distance 2 gets its square). */
  typoWeight?: number;
  /** Weight of a prefix completion. */
  prefixWeight?: number;
  /** Maximum alternatives per clause from typos or prefixes. */
  maxExpansions?: number;
  /** Weight of words sharing the query word's Porter stem when the index uses a lighter stemmer (default 0). */
  familyWeight?: number;
  /** Weight of the adjacent-pair bonus (default 0.5; 0 disables). */
  pairWeight?: number;
  /** Weight of the bonus when the query's last word is in a title's head zone (default 0). */
  headTypeWeight?: number;
  /** Extra weight of the last word of the query (default 0). */
  headBoost?: number;
  /** Split unknown run-together words ("rainshower") and join adjacent ones ("rain bird" → "rainbird") (default true). */
  compounds?: boolean;
}

const RARE_WORD = 2;
const COMMON_RATIO = 50;

function addTypos(index: InvertedIndex, clause: Clause, token: Token, opts: PlanOptions): void {
  const maxD = maxTypos([...token.surface].length);
  if (maxD === 0) return;
  const known = index.surfaces.get(token.surface);
  const knownCount = known && index.docFreq(known.termId) > 0 ? known.count : 0;
  // A word the catalogue uses often is taken as meant; a rare one may still be a typo of a common one.
  if (knownCount > RARE_WORD) return;
  const w1 = opts.typoWeight ?? 0.7;
  const find = (d: number) =>
    index.expansions
      .fuzzy(token.surface, d)
      .map((h) => ({ ...h, info: index.surfaces.get(h.word) }))
      .filter((h) => h.info && !h.info.exactOnly && index.docFreq(h.info.termId) > 0)
      .filter((h) => knownCount === 0 || (h.distance > 0 && h.info!.count >= knownCount * COMMON_RATIO))
      .sort((a, b) => a.distance - b.distance || b.info!.count - a.info!.count);
  // Only the nearest distance is kept, so the wide distance-2 walk runs only when distance 1 finds nothing.
  let hits = find(Math.min(1, maxD));
  if (hits.length === 0 && maxD > 1) hits = find(maxD);
  const best = hits[0]?.distance ?? 0;
  const seen = new Set(clause.alternatives.map((a) => a.termIds[0]));
  for (const h of hits) {
    // Closer corrections shadow further ones: "stainles" → "stainless", not also every distance-2 word.
    if (h.distance > best) break;
    const tid = h.info!.termId;
    if (seen.has(tid)) continue;
    seen.add(tid);
    clause.alternatives.push({ termIds: [tid], weight: w1 ** h.distance, via: 'typo' });
    if (seen.size > (opts.maxExpansions ?? 4)) break;
  }
}

function addPrefixes(index: InvertedIndex, clause: Clause, token: Token, weight: number, max: number): void {
  if ([...token.surface].length < 2) return;
  const words = index.expansions
    .withPrefix(token.surface, 300)
    .filter((w) => w !== token.surface)
    .map((w) => index.surfaces.get(w))
    .filter((i) => i !== undefined && index.docFreq(i.termId) > 0)
    .sort((a, b) => b!.count - a!.count);
  const seen = new Set(clause.alternatives.map((a) => a.termIds[0]));
  for (const info of words) {
    if (seen.has(info!.termId)) continue;
    seen.add(info!.termId);
    clause.alternatives.push({ termIds: [info!.termId], weight, via: 'prefix' });
    if (seen.size > max) break;
  }
}

function addSynonyms(index: InvertedIndex, clauses: Clause[], tokens: Token[], synonyms: SynonymSet): void {
  for (let i = 0; i < tokens.length; i++) {
    for (let n = 1; n <= synonyms.maxKeyTerms && i + n <= tokens.length; n++) {
      const key = tokens
        .slice(i, i + n)
        .map((t) => t.term)
        .join(' ');
      for (const e of synonyms.lookup(key) ?? []) {
        const ids = e.terms.map((t) => index.termId(t));
        if (ids.some((id) => id < 0)) continue;
        clauses[i]!.alternatives.push({ termIds: ids, weight: e.weight, via: 'synonym' });
      }
    }
  }
}

function knownTerm(index: InvertedIndex, surface: string): number {
  const info = index.surfaces.get(surface);
  return info && index.docFreq(info.termId) > 0 ? info.termId : -1;
}

// "rainshower" → rain + shower: the split whose rarer half is most common wins.
function addSplit(index: InvertedIndex, clause: Clause): void {
  const w = clause.token.surface;
  let best: { ids: number[]; support: number } | null = null;
  for (let i = 2; i <= w.length - 2; i++) {
    const a = knownTerm(index, w.slice(0, i));
    const b = knownTerm(index, w.slice(i));
    if (a < 0 || b < 0) continue;
    const support = Math.min(index.docFreq(a), index.docFreq(b));
    if (!best || support > best.support) best = { ids: [a, b], support };
  }
  if (best) clause.alternatives.push({ termIds: best.ids, weight: 0.9, via: 'typo' });
}

// "rain bird" → rainbird: the joined word stands in for both clauses.
function addJoins(index: InvertedIndex, clauses: Clause[]): void {
  for (let i = 0; i + 1 < clauses.length; i++) {
    const a = clauses[i]!.token;
    const b = clauses[i + 1]!.token;
    if (a.kind !== 'word' || b.kind !== 'word') continue;
    const tid = knownTerm(index, a.surface + b.surface);
    if (tid < 0) continue;
    clauses[i]!.alternatives.push({ termIds: [tid], weight: 1, via: 'typo' });
    clauses[i + 1]!.alternatives.push({ termIds: [tid], weight: 1, via: 'typo' });
  }
}

// Pairs of adjacent query words that also stand next to each other in a title earn a bonus.
function pairClauses(index: InvertedIndex, clauses: Clause[], weight: number): Clause[] {
  const out: Clause[] = [];
  for (let i = 0; i + 1 < clauses.length; i++) {
    const a = clauses[i]!.alternatives[0];
    const b = clauses[i + 1]!.alternatives[0];
    if (!a || !b || a.termIds.length !== 1 || b.termIds.length !== 1) continue;
    const tid = index.termId(bigramTerm(index.terms[a.termIds[0]!]!, index.terms[b.termIds[0]!]!));
    if (tid < 0 || index.docFreq(tid) === 0) continue;
    out.push({
      token: clauses[i]!.token,
      alternatives: [{ termIds: [tid], weight, via: 'exact' }],
      boost: 1,
      optional: true,
    });
  }
  return out;
}

/** Builds the clauses of a query (tokens already analysed; duplicates removed by the caller). */
export function planQuery(
  index: InvertedIndex,
  tokens: Token[],
  opts: PlanOptions = {},
  lastIsPartial = false,
): Clause[] {
  const clauses: Clause[] = tokens.map((token) => {
    const tid = index.termId(token.term);
    const alternatives: Alternative[] =
      tid >= 0 && index.docFreq(tid) > 0 ? [{ termIds: [tid], weight: 1, via: 'exact' }] : [];
    return { token, alternatives, boost: 1 };
  });
  const compounds = opts.compounds ?? true;
  if (compounds) addJoins(index, clauses);
  const head = clauses.findLast((c) => c.token.kind === 'word' || c.token.kind === 'cjk');
  if (head && clauses.length > 1) head.boost = 1 + (opts.headBoost ?? 0);
  if (opts.synonyms && opts.synonyms.size > 0) addSynonyms(index, clauses, tokens, opts.synonyms);
  clauses.forEach((clause, i) => {
    const token = clause.token;
    const exactOnly = isExactOnly(token.kind) || token.kind === 'cjk';
    const unknown = !clause.alternatives.some((a) => a.via === 'exact');
    const familyWeight = opts.familyWeight ?? 0;
    if (familyWeight > 0 && token.kind === 'word') {
      const own = new Set(clause.alternatives.map((a) => a.termIds[0]));
      for (const tid of index.stemFamilies.get(stemWord(token.surface)) ?? []) {
        if (own.has(tid) || index.docFreq(tid) === 0) continue;
        own.add(tid);
        clause.alternatives.push({ termIds: [tid], weight: familyWeight, via: 'related' });
      }
    }
    if (opts.prefix && lastIsPartial && i === clauses.length - 1) {
      addPrefixes(index, clause, token, opts.prefixWeight ?? 0.8, opts.maxExpansions ?? 8);
    }
    if ((opts.typo ?? true) && !exactOnly) {
      const before = clause.alternatives.length;
      addTypos(index, clause, token, opts);
      if (unknown && token.kind === 'word') {
        if (compounds && token.surface.length >= 5) addSplit(index, clause);
        // Truncated words ("gas mowe") are read as prefixes when no correction or split matched them.
        if (clause.alternatives.length === before && [...token.surface].length >= 3) {
          addPrefixes(index, clause, token, 0.6, 4);
        }
      }
    }
  });
  const pairWeight = opts.pairWeight ?? 0.5;
  const extra = index.bigrams && pairWeight > 0 ? pairClauses(index, clauses, pairWeight) : [];
  const headWeight = opts.headTypeWeight ?? 0;
  if (head && index.heads && headWeight > 0) {
    // Items whose title names the query's last word as what they are rank above accessories for it.
    const alternatives: Alternative[] = [];
    for (const a of head.alternatives) {
      if (a.termIds.length !== 1) continue;
      const tid = index.termId(headTerm(index.terms[a.termIds[0]!]!));
      if (tid >= 0 && index.docFreq(tid) > 0)
        alternatives.push({ termIds: [tid], weight: headWeight * a.weight, via: a.via });
    }
    if (alternatives.length > 0) extra.push({ token: head.token, alternatives, boost: 1, optional: true });
  }
  return [...clauses, ...extra];
}
