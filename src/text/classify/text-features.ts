/**
 * Sparse text features for classification: character n-grams (robust to typos, Chinese without
 * segmentation errors) plus analysed words and word bigrams, weighted by sublinear TF × smoothed IDF
 * and L2-normalised, over a vocabulary learnt from the training texts.
 */
import { analyzeNormalized } from '../analyzer.js';
import { normalizeText } from '../normalize.js';

/** Which features to extract. */
export interface FeatureOptions {
  /** Smallest and largest character n-gram length (default [1, 4]); [0, 0] turns them off. */
  charNgrams?: [number, number];
  /** Analysed word tokens, jieba words for Chinese (default true). */
  words?: boolean;
  /** Adjacent word pairs (default true). */
  wordBigrams?: boolean;
  /** IDF weighting (default true); false gives plain term frequencies. */
  idf?: boolean;
  /** Sublinear term frequency 1 + ln(tf) (default true). */
  sublinearTf?: boolean;
  /** Features must occur in at least this many training texts (default 1). */
  minDf?: number;
}

/** A sparse, L2-normalised feature vector: parallel arrays of feature indices and weights. */
export interface SparseVector {
  /** Feature indices into the vocabulary. */
  indices: Int32Array;
  /** Weights, one per index. */
  values: Float32Array;
}

/** The fitted featuriser as plain data (see {@link TextFeaturizer.toJSON}). */
export interface FeaturizerState {
  /** Options the featuriser was fitted with (defaults filled in). */
  options: Required<FeatureOptions>;
  /** Feature strings; the position is the feature index. */
  vocabulary: string[];
  /** Inverse document frequency per feature. */
  idf: number[];
}

const WHITESPACE_RE = /\s+/g;

/** Fills in the default feature options. */
export function resolveFeatureOptions(options: FeatureOptions = {}): Required<FeatureOptions> {
  return {
    charNgrams: options.charNgrams ?? [1, 4],
    words: options.words ?? true,
    wordBigrams: options.wordBigrams ?? true,
    idf: options.idf ?? true,
    sublinearTf: options.sublinearTf ?? true,
    minDf: options.minDf ?? 1,
  };
}

/** Raw feature counts of one text (feature string → count). */
export function extractFeatures(text: string, options: Required<FeatureOptions>): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (f: string): void => {
    counts.set(f, (counts.get(f) ?? 0) + 1);
  };
  const normalized = normalizeText(text).replace(WHITESPACE_RE, ' ').trim();
  const [lo, hi] = options.charNgrams;
  if (hi > 0) {
    // Spaces around the text let n-grams mark word starts and ends (" hi", "ks ").
    const padded = ` ${normalized} `;
    for (let n = Math.max(1, lo); n <= hi; n++) {
      for (let i = 0; i + n <= padded.length; i++) {
        const gram = padded.slice(i, i + n);
        if (n === 1 && gram === ' ') continue;
        add(`c${gram}`);
      }
    }
  }
  if (options.words || options.wordBigrams) {
    // Stop words stay: "not", "how", "where" carry intent.
    const terms = analyzeNormalized(normalized, { stopWords: false }).map((t) => t.term);
    if (options.words) for (const t of terms) add(`w${t}`);
    if (options.wordBigrams) for (let i = 1; i < terms.length; i++) add(`b${terms[i - 1]!} ${terms[i]!}`);
  }
  return counts;
}

/** Turns raw features into text classification vectors over a fitted vocabulary. */
export class TextFeaturizer {
  private readonly index: Map<string, number>;

  private constructor(private readonly state: FeaturizerState) {
    this.index = new Map(state.vocabulary.map((f, i) => [f, i]));
  }

  /** Learns the vocabulary and IDF from training texts and returns the featuriser with the training vectors. */
  static fit(
    texts: readonly string[],
    options: FeatureOptions = {},
  ): { featurizer: TextFeaturizer; vectors: SparseVector[] } {
    const opts = resolveFeatureOptions(options);
    return TextFeaturizer.fitExtracted(
      texts.map((t) => extractFeatures(t, opts)),
      opts,
    );
  }

  /** {@link fit} over features already extracted with {@link extractFeatures} (lets callers extract in slices). */
  static fitExtracted(
    raw: ReadonlyArray<Map<string, number>>,
    opts: Required<FeatureOptions>,
  ): { featurizer: TextFeaturizer; vectors: SparseVector[] } {
    const df = new Map<string, number>();
    for (const counts of raw) for (const f of counts.keys()) df.set(f, (df.get(f) ?? 0) + 1);
    // Sorted so the vocabulary (and thus the model) does not depend on Map insertion details.
    const vocabulary = [...df.entries()]
      .filter(([, d]) => d >= opts.minDf)
      .map(([f]) => f)
      .sort();
    const n = raw.length;
    const idf = vocabulary.map((f) => (opts.idf ? Math.log((1 + n) / (1 + df.get(f)!)) + 1 : 1));
    const featurizer = new TextFeaturizer({ options: opts, vocabulary, idf });
    return { featurizer, vectors: raw.map((counts) => featurizer.vectorize(counts)) };
  }

  /** Rebuilds a featuriser saved with {@link toJSON}. */
  static fromJSON(state: FeaturizerState): TextFeaturizer {
    return new TextFeaturizer(state);
  }

  /** Number of features in the vocabulary. */
  get size(): number {
    return this.state.vocabulary.length;
  }

  /** The feature vector of a text (features outside the vocabulary are dropped). */
  transform(text: string): SparseVector {
    return this.vectorize(extractFeatures(text, this.state.options));
  }

  /** The fitted state as plain JSON-serialisable data. */
  toJSON(): FeaturizerState {
    return this.state;
  }

  private vectorize(counts: Map<string, number>): SparseVector {
    const pairs: Array<[number, number]> = [];
    let norm = 0;
    for (const [f, c] of counts) {
      const i = this.index.get(f);
      if (i === undefined) continue;
      const tf = this.state.options.sublinearTf ? 1 + Math.log(c) : c;
      const w = tf * this.state.idf[i]!;
      pairs.push([i, w]);
      norm += w * w;
    }
    pairs.sort((a, b) => a[0] - b[0]);
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    const indices = new Int32Array(pairs.length);
    const values = new Float32Array(pairs.length);
    pairs.forEach(([i, w], k) => {
      indices[k] = i;
      values[k] = w * scale;
    });
    return { indices, values };
  }
}
