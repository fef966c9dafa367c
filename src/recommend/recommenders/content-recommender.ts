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

/** Postings read per profile term when proposing candidates (the row's strongest items). */
const POSTINGS_READ = 2000;

const FIELD_WEIGHT = { title: 2, brand: 2, category: 1.5, attributes: 1, tags: 1, description: 0.5 };

/** Cosine similarity between L2-normalised TF-IDF item vectors and a history profile. */
export class ContentRecommender implements Recommender {
  readonly name = 'content';
  private itemTerms = new CsrMatrix(0, 0, new Int32Array(1), new Int32Array(0), new Float32Array(0));
  /** Term × item postings in item order (full scoring walks them with sequential writes). */
  private termItems = this.itemTerms;
  /** The strongest {@link POSTINGS_READ} postings of each term, strongest first: what candidates read. */
  private termHeads = this.itemTerms;
  /** Profile weight per term during one subset scoring (0 elsewhere): a row lookup instead of a posting walk. */
  private profileWeight = new Float32Array(0);
  /** Candidate scores of one request, by item (cleared through `touched`). */
  private candidateScore = new Float32Array(0);
  private touched = new Int32Array(0);

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
    this.termHeads = strongestHeads(this.termItems, POSTINGS_READ);
  }

  /** Builds a profile from the history's item vectors, keeps its strongest terms, scores all items. */
  score(history: History, out: Float32Array): void {
    out.fill(0);
    const top = this.profileTerms(history);
    for (let t = 0; t < top.indices.length; t++) this.termItems.addRowTo(top.indices[t]!, top.scores[t]!, out);
  }

  /**
   * The best items of the history's strongest terms, reading at most {@link POSTINGS_READ} postings per term
   * (rows are strongest first): a term shared by most of a large catalogue ("brand", a top category) no
   * longer costs a pass over every item per request. Exact whenever the profile's terms are rarer than that.
   */
  candidates(history: History, limit: number, seen: Uint8Array, into: ItemSubset): void {
    const top = this.profileTerms(history);
    const m = this.termHeads;
    if (this.candidateScore.length !== m.cols) this.candidateScore = new Float32Array(m.cols);
    const acc = this.candidateScore;
    let n = 0;
    for (let t = 0; t < top.indices.length; t++) {
      const w = top.scores[t]!;
      const start = m.indptr[top.indices[t]!]!;
      const end = m.indptr[top.indices[t]! + 1]!;
      for (let k = start; k < end; k++) {
        const item = m.indices[k]!;
        if (seen[item]) continue;
        if (acc[item] === 0) {
          if (n === this.touched.length) {
            const grown = new Int32Array(Math.max(256, 2 * n));
            grown.set(this.touched);
            this.touched = grown;
          }
          this.touched[n++] = item;
        }
        acc[item]! += w * m.values[k]!;
      }
    }
    const scores = new Float32Array(n);
    for (let r = 0; r < n; r++) scores[r] = acc[this.touched[r]!]!;
    const best = topKSparse(this.touched.subarray(0, n), scores, n, Math.min(n, limit));
    for (let r = 0; r < n; r++) acc[this.touched[r]!] = 0;
    into.addAll(best.indices);
  }

  /** {@link score} for the subset's items only: each candidate's own terms against the profile. */
  scoreSubset(history: History, subset: ItemSubset, out: Float32Array): void {
    out.fill(0, 0, subset.size);
    const top = this.profileTerms(history);
    const m = this.itemTerms;
    if (this.profileWeight.length !== m.cols) this.profileWeight = new Float32Array(m.cols);
    const pw = this.profileWeight;
    for (let t = 0; t < top.indices.length; t++) pw[top.indices[t]!] = top.scores[t]!;
    const items = subset.items;
    for (let r = 0; r < items.length; r++) {
      const item = items[r]!;
      if (item >= m.rows) continue;
      let s = 0;
      for (let k = m.indptr[item]!; k < m.indptr[item + 1]!; k++) s += pw[m.indices[k]!]! * m.values[k]!;
      out[r] = s;
    }
    for (let t = 0; t < top.indices.length; t++) pw[top.indices[t]!] = 0;
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
    c.termHeads = strongestHeads(c.termItems, POSTINGS_READ);
    return c;
  }
}

/** Each row's `head` largest entries, largest first (ties by column), as a new matrix. */
function strongestHeads(m: CsrMatrix, head: number): CsrMatrix {
  const indptr = new Int32Array(m.rows + 1);
  for (let r = 0; r < m.rows; r++) indptr[r + 1] = indptr[r]! + Math.min(head, m.indptr[r + 1]! - m.indptr[r]!);
  const indices = new Int32Array(indptr[m.rows]!);
  const values = new Float32Array(indptr[m.rows]!);
  const order: number[] = [];
  for (let r = 0; r < m.rows; r++) {
    order.length = 0;
    for (let k = m.indptr[r]!; k < m.indptr[r + 1]!; k++) order.push(k);
    order.sort((x, y) => m.values[y]! - m.values[x]! || m.indices[x]! - m.indices[y]!);
    for (let q = 0; q < indptr[r + 1]! - indptr[r]!; q++) {
      indices[indptr[r]! + q] = m.indices[order[q]!]!;
      values[indptr[r]! + q] = m.values[order[q]!]!;
    }
  }
  return new CsrMatrix(m.rows, m.cols, indptr, indices, values);
}
