/** Content-based recommender: TF-IDF over item text, for cold items and new customers. */
import { CsrMatrix } from '../../math/csr-matrix.js';
import { packWithMatrix, unpackWithMatrix } from '../../math/pack-csr.js';
import { topKSparse } from '../../math/top-k.js';
import type { TopK } from '../../math/top-k.js';
import { analyzeTerms } from '../../text/analyzer.js';
import { recencyWeights } from '../history.js';
import type { History, RecencyOptions } from '../history.js';
import type { ItemSubset } from '../item-subset.js';
import type { InteractionLog } from '../interaction-log.js';
import type { Recommender } from '../recommender.js';

/** Text fields of one item; any may be missing. `tags` are pre-made tokens (attribute ids, SKUs). */
export interface ItemText {
  title?: string;
  description?: string;
  category?: string | string[];
  brand?: string;
  attributes?: Record<string, string | number> | string[];
  tags?: string[];
}

/** Options for {@link ContentRecommender}. */
export interface ContentOptions extends RecencyOptions {
  /** Terms kept in a user profile (the strongest), bounding scoring cost. */
  maxProfileTerms?: number;
  /** Tokeniser for free text (defaults to jieba + lower-cased words). */
  tokenize?: (text: string) => string[];
}

const FIELD_WEIGHT = { title: 2, brand: 2, category: 1.5, attributes: 1, tags: 1, description: 0.5 };

/** Cosine similarity between L2-normalised TF-IDF item vectors and a history profile. */
export class ContentRecommender implements Recommender {
  readonly name = 'content';
  private itemTerms = new CsrMatrix(0, 0, new Int32Array(1), new Int32Array(0), new Float32Array(0));
  private termItems = this.itemTerms;

  constructor(
    private readonly texts: ReadonlyMap<string, ItemText> = new Map(),
    readonly opts: ContentOptions = {},
  ) {}

  /** Number of items scored. */
  get numItems(): number {
    return this.itemTerms.rows;
  }

  /** Tokenises every item known to the log; interactions themselves are not used. */
  fit(log: InteractionLog): void {
    // The search analyser: jieba for Chinese, units and SKUs kept whole, stemmed English without stop words.
    const tokenize = this.opts.tokenize ?? ((text: string) => analyzeTerms(text));
    const vocab = new Map<string, number>();
    const rows: number[] = [];
    const cols: number[] = [];
    const vals: number[] = [];
    log.itemIds.forEach((id, item) => {
      const t = this.texts.get(id);
      if (!t) return;
      const tf = new Map<number, number>();
      const add = (terms: string[], w: number, prefix = ''): void => {
        for (const term of terms) {
          let v = vocab.get(prefix + term);
          if (v === undefined) vocab.set(prefix + term, (v = vocab.size));
          tf.set(v, (tf.get(v) ?? 0) + w);
        }
      };
      if (t.title) add(tokenize(t.title), FIELD_WEIGHT.title);
      if (t.description) add(tokenize(t.description), FIELD_WEIGHT.description);
      if (t.brand) add([t.brand.trim().toLowerCase()], FIELD_WEIGHT.brand, 'brand:');
      const cats = typeof t.category === 'string' ? [t.category] : (t.category ?? []);
      // Whole category paths and their words both count, so siblings share some weight.
      for (const c of cats) add([c.trim().toLowerCase(), ...tokenize(c)], FIELD_WEIGHT.category, 'cat:');
      if (Array.isArray(t.attributes))
        add(
          t.attributes.map((a) => a.toLowerCase()),
          FIELD_WEIGHT.attributes,
          'attr:',
        );
      else if (t.attributes)
        add(
          Object.entries(t.attributes).map(([k, v]) => `${k}=${v}`.toLowerCase()),
          FIELD_WEIGHT.attributes,
          'attr:',
        );
      if (t.tags) add(t.tags, FIELD_WEIGHT.tags, 'tag:');
      for (const [term, w] of tf) {
        rows.push(item);
        cols.push(term);
        vals.push(1 + Math.log(w));
      }
    });
    const m = CsrMatrix.fromCoo(log.numItems, vocab.size, rows, cols, vals);
    const df = new Float64Array(vocab.size);
    for (let k = 0; k < m.nnz; k++) df[m.indices[k]!]!++;
    const n = Math.max(1, m.rows);
    for (let i = 0; i < m.rows; i++) {
      let norm = 0;
      for (let k = m.indptr[i]!; k < m.indptr[i + 1]!; k++) {
        m.values[k]! *= Math.log((1 + n) / (1 + df[m.indices[k]!]!)) + 1;
        norm += m.values[k]! ** 2;
      }
      const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
      for (let k = m.indptr[i]!; k < m.indptr[i + 1]!; k++) m.values[k]! *= inv;
    }
    this.itemTerms = m;
    this.termItems = m.transpose();
  }

  /** Builds a profile from the history's item vectors, keeps its strongest terms, scores all items. */
  score(history: History, out: Float32Array): void {
    out.fill(0);
    const top = this.profileTerms(history);
    for (let t = 0; t < top.indices.length; t++) this.termItems.addRowTo(top.indices[t]!, top.scores[t]!, out);
  }

  /** {@link score} for the subset's items only. */
  scoreSubset(history: History, subset: ItemSubset, out: Float32Array): void {
    out.fill(0, 0, subset.size);
    const top = this.profileTerms(history);
    const m = this.termItems;
    const pos = subset.position;
    for (let t = 0; t < top.indices.length; t++) {
      const w = top.scores[t]!;
      for (let k = m.indptr[top.indices[t]!]!; k < m.indptr[top.indices[t]! + 1]!; k++) {
        const r = pos[m.indices[k]!]!;
        if (r >= 0) out[r]! += w * m.values[k]!;
      }
    }
  }

  /** Items whose text is most similar to one item's. */
  similar(item: number, out: Float32Array): void {
    this.score({ items: [item] }, out);
    if (item >= 0 && item < out.length) out[item] = 0;
  }

  /** The strongest terms of the recency-weighted sum of the history's item vectors. */
  private profileTerms(history: History): TopK {
    const w = recencyWeights(history, this.opts);
    const profile = new Map<number, number>();
    const m = this.itemTerms;
    for (let p = 0; p < history.items.length; p++) {
      const item = history.items[p]!;
      if (item < 0 || item >= m.rows || !(w[p]! > 0)) continue;
      for (let k = m.indptr[item]!; k < m.indptr[item + 1]!; k++)
        profile.set(m.indices[k]!, (profile.get(m.indices[k]!) ?? 0) + w[p]! * m.values[k]!);
    }
    const terms = Int32Array.from(profile.keys());
    return topKSparse(terms, Float32Array.from(profile.values()), terms.length, this.opts.maxProfileTerms ?? 64);
  }

  /** The item×term TF-IDF matrix. */
  save(): Uint8Array {
    return packWithMatrix({ name: this.name, opts: { ...this.opts, tokenize: undefined } }, this.itemTerms);
  }

  /** Restores a model written by {@link save} (new item texts need a refit). */
  static load(bytes: Uint8Array): ContentRecommender {
    const { meta, matrix } = unpackWithMatrix<{ opts: ContentOptions }>(bytes);
    const c = new ContentRecommender(new Map(), meta.opts);
    c.itemTerms = matrix;
    c.termItems = c.itemTerms.transpose();
    return c;
  }
}
