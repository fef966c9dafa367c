/**
 * Variants of one kind of copy for one item: seeded candidates from the grammar, each put through the
 * grounding check; a candidate that fails is counted and dropped, never returned.
 */
import type { ContentKind, ContentLength, ContentTone } from '../content-types.js';
import type { ContentFacts } from '../facts/item-facts.js';
import { checkGrounding, type GroundingReport } from '../grounding/check-grounding.js';
import type { GroundingVocabulary } from '../grounding/grounding-vocabulary.js';
import { composeCopy } from './compose-copy.js';
import { hashSeed, variantRandom } from './seeded.js';

/** What to write for one item. */
export interface CopyOptions {
  kind: ContentKind;
  tone: ContentTone;
  length: ContentLength;
  /** How many distinct variants (1–10). */
  variants: number;
  /** The same seed and facts give the same variants. */
  seed: number;
}

/** Who wrote a variant. */
export type CopySource = 'builtin' | 'llm';

/** One grounded variant. */
export interface CopyVariant {
  /** Stable id of the text (hash), usable as an experiment arm's key. */
  id: string;
  kind: ContentKind;
  locale: ContentFacts['locale'];
  tone: ContentTone;
  length: ContentLength;
  text: string;
  source: CopySource;
  grounding: GroundingReport;
}

/** The variants of one kind, and how many candidates the check turned away. */
export interface CopyResult {
  kind: ContentKind;
  variants: CopyVariant[];
  /** Candidates written. */
  candidates: number;
  /** Candidates that failed the grounding check (dropped). */
  rejected: number;
  /** The problems of the first rejected candidates, for diagnosis. */
  rejections: string[][];
}

/** The id of a variant text. */
export function variantId(kind: ContentKind, text: string): string {
  return `${kind}-${hashSeed(text).toString(36)}`;
}

/** Grounded, distinct variants of one kind; fewer than asked when the facts support fewer distinct texts. */
export function generateCopy(facts: ContentFacts, o: CopyOptions, vocabulary?: GroundingVocabulary): CopyResult {
  const variants: CopyVariant[] = [];
  const seen = new Set<string>();
  const rejections: string[][] = [];
  let candidates = 0;
  let rejected = 0;
  const key = facts.itemId ?? facts.name;
  for (let attempt = 0; variants.length < o.variants && attempt < o.variants * 5; attempt++) {
    const random = variantRandom([o.seed, key, o.kind, facts.locale, o.tone, o.length, attempt]);
    const text = composeCopy(random, facts, o);
    if (text === null) break;
    if (seen.has(text)) continue;
    seen.add(text);
    candidates++;
    const grounding = checkGrounding(text, facts, vocabulary);
    if (!grounding.grounded) {
      rejected++;
      if (rejections.length < 3) rejections.push(grounding.problems);
      continue;
    }
    variants.push({
      id: variantId(o.kind, text),
      kind: o.kind,
      locale: facts.locale,
      tone: o.tone,
      length: o.length,
      text,
      source: 'builtin',
      grounding,
    });
  }
  return { kind: o.kind, variants, candidates, rejected, rejections };
}
