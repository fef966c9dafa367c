/** BM25F scoring of query clauses into dense per-slot accumulators (no per-posting allocation). */
import { FIELD_COUNT, FIELD_NAMES } from '../indexing/fields.js';
import type { FieldName } from '../indexing/fields.js';
import type { InvertedIndex } from '../indexing/inverted-index.js';
import type { Clause } from '../query/query-plan.js';

// A module-local copy: an imported binding can compile to a getter call (tsx), which the posting loop pays per field.
const FIELDS = FIELD_COUNT;

/** BM25F parameters. */
export interface Bm25fParams {
  /** Term-frequency saturation. */
  k1: number;
  /** Field weights. */
  weights: Record<FieldName, number>;
  /** Length normalisation per field. */
  b: Record<FieldName, number>;
}

/** Scores of one query: `score[slot]` and `coverage[slot]` for every slot in `touched`. */
export interface ClauseScores {
  /** Summed clause scores per slot. */
  score: Float64Array;
  /** Sum of the idf of matched clauses per slot (coverage weighted by how telling each word is). */
  coverage: Float64Array;
  /** Slots with a non-zero score, in first-touched order (a view of scratch memory). */
  touched: Int32Array;
  /** Sum of the clause idfs, the denominator of coverage. */
  totalIdf: number;
}

/** A reusable list of slots: scoring a broad query touches tens of thousands, which a fresh array per query would allocate. */
class SlotList {
  items = new Int32Array(1024);
  length = 0;

  push(slot: number): void {
    if (this.length === this.items.length) {
      const grown = new Int32Array(this.items.length * 2);
      grown.set(this.items);
      this.items = grown;
    }
    this.items[this.length++] = slot;
  }
}

/** Reusable scratch buffers sized to the index; grows when the index grows. */
export class Bm25fScorer {
  private score = new Float64Array(0);
  private clause = new Float64Array(0);
  private alt = new Float64Array(0);
  private coverage = new Float64Array(0);
  /** Slots in use by the last {@link run} (the accumulators beyond are untouched). */
  private slots = 0;
  private readonly touched = new SlotList();
  private readonly clauseTouched = new SlotList();
  private readonly altTouched = new SlotList();
  private readonly w = new Float64Array(FIELDS);
  private readonly b = new Float64Array(FIELDS);
  private readonly k1: number;
  /**
   * `fieldWeight[f * stride + slot]` = w_f / (1 − b_f + b_f · len / avg_f), valid for index version
   * `weightsOf`. Field-major: the title factors of all slots sit together (437 KB for 55k items), so the
   * random reads of a posting walk stay in cache instead of touching one line per posting per field.
   */
  private fieldWeight = new Float64Array(0);
  private stride = 0;
  private weightsOf: { index: InvertedIndex; version: number } | null = null;
  /**
   * Per term, the saturated field-weighted frequency of each posting, tfw / (k1 + tfw): it depends on the
   * document and the index version only, so a posting walk after the first is one multiply per posting
   * instead of a five-field dot product and a division (search ~1.4× as fast). Cleared with the weights.
   */
  private saturation: (Float64Array | undefined)[] = [];

  /** Creates a scorer with fixed parameters. */
  constructor(params: Bm25fParams) {
    this.k1 = params.k1;
    FIELD_NAMES.forEach((f, i) => {
      this.w[i] = params.weights[f];
      this.b[i] = params.b[f];
    });
  }

  /** Inverse document frequency (BM25's, always positive). */
  static idf(n: number, df: number): number {
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Scores every clause; the returned arrays are scratch and valid until the next call. */
  run(index: InvertedIndex, clauses: Clause[]): ClauseScores {
    this.ensure(index.slotCount);
    const { score, clause, alt, coverage, touched, clauseTouched, altTouched } = this;
    touched.length = 0;
    const n = index.size;
    this.refreshFieldWeights(index);
    let totalIdf = 0;
    for (const c of clauses) {
      const ownId = c.alternatives[0]?.via === 'exact' ? c.alternatives[0].termIds[0]! : -1;
      // Unknown words weigh as rare ones: missing them should cost coverage.
      const clauseIdf = ownId >= 0 ? Bm25fScorer.idf(n, index.docFreq(ownId)) : Bm25fScorer.idf(n, 1);
      if (!c.optional) totalIdf += clauseIdf;
      const only = c.alternatives.length === 1 ? c.alternatives[0]! : undefined;
      if (only !== undefined && only.termIds.length === 1) {
        // Most clauses are one word with no alternatives: nothing to take the best of, so the postings go
        // straight into the totals instead of through the per-clause accumulator (one pass fewer).
        this.accumulateClause(index, only.termIds[0]!, n, only.weight, c.boost, c.optional ? 0 : clauseIdf);
        continue;
      }
      for (const a of c.alternatives) {
        const single = a.termIds.length === 1;
        const target = single ? clause : alt;
        for (const tid of a.termIds)
          this.accumulate(index, tid, n, a.weight, target, single, single ? clauseTouched : altTouched);
        if (!single) {
          for (let i = 0; i < altTouched.length; i++) {
            const s = altTouched.items[i]!;
            if (alt[s]! > clause[s]!) {
              if (clause[s] === 0) clauseTouched.push(s);
              clause[s] = alt[s]!;
            }
            alt[s] = 0;
          }
          altTouched.length = 0;
        }
      }
      for (let i = 0; i < clauseTouched.length; i++) {
        const s = clauseTouched.items[i]!;
        if (score[s] === 0) touched.push(s);
        score[s] = score[s]! + clause[s]! * c.boost;
        if (!c.optional) coverage[s] = coverage[s]! + clauseIdf;
        clause[s] = 0;
      }
      clauseTouched.length = 0;
    }
    return { score, coverage, touched: touched.items.subarray(0, touched.length), totalIdf };
  }

  /** Clears the accumulators for the given slots (call after consuming a result). */
  reset(touched: ArrayLike<number>): void {
    // A broad query touches a large share of the slots: one sequential clear is then cheaper than random writes.
    if (touched.length * 8 > this.slots) {
      this.score.fill(0, 0, this.slots);
      this.coverage.fill(0, 0, this.slots);
      return;
    }
    for (let i = 0; i < touched.length; i++) {
      const s = touched[i]!;
      this.score[s] = 0;
      this.coverage[s] = 0;
    }
  }

  /**
   * Length normalisation depends on the document and the average field lengths, not the query: it is
   * computed once per index version instead of with a division per field of every posting.
   */
  private refreshFieldWeights(index: InvertedIndex): void {
    const cached = this.weightsOf;
    if (cached && cached.index === index && cached.version === index.version) return;
    const slots = index.slotCount;
    if (this.stride < slots) {
      this.stride = Math.ceil(Math.max(slots, 1024) * 1.25);
      this.fieldWeight = new Float64Array(this.stride * FIELDS);
    }
    const fw = this.fieldWeight;
    const stride = this.stride;
    const lens = index.fieldLen;
    for (let f = 0; f < FIELDS; f++) {
      const w = this.w[f]!;
      const b = this.b[f]!;
      const bOverAvg = b / index.avgFieldLen(f);
      for (let s = 0; s < slots; s++) fw[f * stride + s] = w / (1 - b + bOverAvg * (lens[s * FIELDS + f] ?? 0));
    }
    this.weightsOf = { index, version: index.version };
    this.saturation = [];
  }

  /** A term's posting slots and their saturated frequencies, or undefined when it has none. */
  private postings(index: InvertedIndex, tid: number): { docs: readonly number[]; sat: Float64Array } | undefined {
    const docs = index.postDocs[tid];
    const tfs = index.postTfs[tid];
    if (!docs || !tfs || docs.length === 0) return undefined;
    return { docs, sat: this.saturationOf(index, tid, docs, tfs) };
  }

  /** The saturated frequencies of a term's postings (see {@link saturation}), computed on first use. */
  private saturationOf(
    index: InvertedIndex,
    tid: number,
    docs: readonly number[],
    tfs: readonly number[],
  ): Float64Array {
    const cached = this.saturation[tid];
    if (cached !== undefined && cached.length === docs.length) return cached;
    const k1 = this.k1;
    const fw = this.fieldWeight;
    const stride = this.stride;
    const out = new Float64Array(docs.length);
    for (let j = 0; j < docs.length; j++) {
      const s = docs[j]!;
      const base = j * FIELDS;
      let tfw = 0;
      for (let f = 0; f < FIELDS; f++) {
        const tf = tfs[base + f]!;
        if (tf !== 0) tfw += tf * fw[f * stride + s]!;
      }
      out[j] = tfw / (k1 + tfw);
    }
    this.saturation[tid] = out;
    return out;
  }

  /** Adds a one-term clause's postings to the totals: `score += idf·sat·boost`, `coverage += clauseIdf`. */
  private accumulateClause(
    index: InvertedIndex,
    tid: number,
    n: number,
    weight: number,
    boost: number,
    clauseIdf: number,
  ): void {
    const postings = this.postings(index, tid);
    if (postings === undefined) return;
    const { docs, sat } = postings;
    const idf = Bm25fScorer.idf(n, docs.length) * weight;
    const { score, coverage, touched } = this;
    const count = docs.length;
    for (let j = 0; j < count; j++) {
      const s = docs[j]!;
      const cur = score[s]!;
      if (cur === 0) touched.push(s);
      // The same operations in the same order as the general path: (idf · sat) · boost.
      score[s] = cur + idf * sat[j]! * boost;
      if (clauseIdf !== 0) coverage[s] = coverage[s]! + clauseIdf;
    }
  }

  private accumulate(
    index: InvertedIndex,
    tid: number,
    n: number,
    weight: number,
    target: Float64Array,
    takeMax: boolean,
    touchedOut: SlotList,
  ): void {
    const postings = this.postings(index, tid);
    if (postings === undefined) return;
    const { docs, sat } = postings;
    const idf = Bm25fScorer.idf(n, docs.length) * weight;
    const count = docs.length;
    for (let j = 0; j < count; j++) {
      const s = docs[j]!;
      const v = idf * sat[j]!;
      const cur = target[s]!;
      if (takeMax) {
        if (v > cur) {
          if (cur === 0) touchedOut.push(s);
          target[s] = v;
        }
      } else {
        if (cur === 0) touchedOut.push(s);
        target[s] = cur + v;
      }
    }
  }

  private ensure(size: number): void {
    this.slots = size;
    if (this.score.length >= size) return;
    const cap = Math.max(size, this.score.length * 2, 1024);
    this.score = new Float64Array(cap);
    this.clause = new Float64Array(cap);
    this.alt = new Float64Array(cap);
    this.coverage = new Float64Array(cap);
  }
}
