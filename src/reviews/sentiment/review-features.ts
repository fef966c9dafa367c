/**
 * Hashed binary features of a review: character 1–N-grams of the folded text plus (optionally)
 * word unigrams and bigrams from jieba (Chinese) or letter runs (Latin). Pure and allocation-light:
 * the hot path is the CLI's 20,000 reviews/s.
 */
import { cutWords } from './cut-words.js';
import { hashString, WORD_SEED, type WordLexicon } from './word-lexicon.js';

/** Which features a model uses; stored in the model file so scoring matches training. */
export interface FeatureSpec {
  /** log2 of the number of hash buckets. */
  hashBits: number;
  /** Longest character n-gram (1..maxChar). */
  maxCharGram: number;
  /** Adds word unigrams and bigrams. */
  words: boolean;
  /**
   * How words are cut: 'lexicon' by the model's own word list (no jieba at scoring time; the list
   * travels in the model file), 'jieba' (the default, for model files written before the lexicon).
   */
  wordCut?: 'jieba' | 'lexicon';
}

const FNV_PRIME = 16777619;
const CHAR_SEED = 2166136261;
const BIGRAM_SEED = 0x85ebca6b;
const MAX_UNITS = 2000; // long reviews add little past this; bounded cost per text
const DEDUP_BITS = 15;
const DEDUP_SLOTS = 1 << DEDUP_BITS;
/** Most distinct features one review gives (half the slots of {@link FeatureDedup}, so probes stay short). */
export const MAX_REVIEW_FEATURES = DEDUP_SLOTS >> 1;

/**
 * The set of feature ids seen in the current review: open addressing over 2^15 slots (256 KB, which stays in
 * cache), emptied for each review by a new stamp. A stamp per hash bucket did the same with one random access
 * into 2^hashBits stamps (16 MB at 2^22 buckets) per feature.
 */
export class FeatureDedup {
  /** Feature id per slot. */
  readonly keys = new Uint32Array(DEDUP_SLOTS);
  /** Which review a slot belongs to. */
  readonly stamps = new Uint32Array(DEDUP_SLOTS);
  private stamp = 0;

  /** Empties the set for the next review; returns that review's stamp. */
  next(): number {
    if (++this.stamp === 0xffffffff) {
      this.stamps.fill(0);
      this.stamp = 1;
    }
    return this.stamp;
  }
}

/** Folds one review to the alphabet the features see: half-width, lower case, digits → 0, runs of punctuation cut to two. */
export function foldReview(text: string): string {
  const n = Math.min(text.length, MAX_UNITS);
  let out = '';
  let last = -1;
  let repeat = 0;
  for (let i = 0; i < n; i++) {
    let c = text.charCodeAt(i);
    if (c === 0xfeff) continue;
    if (c >= 0xff01 && c <= 0xff5e)
      c -= 0xfee0; // full-width ASCII
    else if (c === 0x3000) c = 32;
    if (c >= 65 && c <= 90) c += 32;
    else if (c >= 48 && c <= 57) c = 48; // numbers name quantities, not opinions
    if (c === 9 || c === 10 || c === 13) c = 32;
    if (c === last && (c < 0x4e00 || c > 0x9fff)) {
      // "!!!!!!" and "。。。。" say as much as two of them, and so do runs of a Latin letter
      if (++repeat >= 2) continue;
    } else repeat = 0;
    last = c;
    out += String.fromCharCode(c);
  }
  return out;
}

/**
 * Collects the distinct hashed feature ids of one review into `out` (returns how many, at most
 * {@link MAX_REVIEW_FEATURES}). `dedup` is scratch space reused from review to review.
 */
export function reviewFeatures(
  text: string,
  spec: FeatureSpec,
  dedup: FeatureDedup,
  out: Uint32Array,
  lexicon: WordLexicon | null = null,
): number {
  const folded = foldReview(text);
  const mask = (1 << spec.hashBits) - 1;
  const cap = Math.min(out.length, MAX_REVIEW_FEATURES);
  const stamp = dedup.next();
  const { keys, stamps } = dedup;
  let count = 0;
  const add = (h: number): void => {
    const id = (h >>> 0) & mask;
    if (count >= cap) return;
    let slot = Math.imul(id, 0x9e3779b1) >>> (32 - DEDUP_BITS);
    while (stamps[slot] === stamp) {
      if (keys[slot] === id) return;
      slot = (slot + 1) & (DEDUP_SLOTS - 1);
    }
    stamps[slot] = stamp;
    keys[slot] = id;
    out[count++] = id;
  };
  // Boundary marks let "好" at the very end differ from "好" inside ("不好" vs "好不好用").
  const s = `\u0002${folded}\u0003`;
  const len = s.length;
  for (let i = 0; i < len; i++) {
    let h = CHAR_SEED;
    const end = Math.min(len, i + spec.maxCharGram);
    for (let j = i; j < end; j++) {
      const c = s.charCodeAt(j);
      if (c === 32 && j > i) break; // grams do not span a space (Latin words stay whole)
      h = Math.imul(h ^ c, FNV_PRIME);
      if (c !== 32 && !(j === i && (c === 2 || c === 3))) add(h + (j - i));
    }
  }
  if (spec.words) {
    let prev = 0;
    let n = 0;
    if (spec.wordCut === 'lexicon') {
      if (!lexicon) throw new Error('this feature spec cuts words by a lexicon, and none was given');
      n = lexicon.cut(folded, wordHashes);
    } else {
      const words = cutWords(folded);
      n = Math.min(words.length, wordHashes.length);
      for (let k = 0; k < n; k++) wordHashes[k] = hashString(words[k]!, WORD_SEED);
    }
    for (let k = 0; k < n; k++) {
      const w = wordHashes[k]!;
      add(w);
      add(Math.imul(prev ^ w, FNV_PRIME) + BIGRAM_SEED);
      prev = w;
    }
    if (n > 0) add(Math.imul(prev ^ 3, FNV_PRIME) + BIGRAM_SEED);
  }
  return count;
}

const wordHashes = new Int32Array(4096);
