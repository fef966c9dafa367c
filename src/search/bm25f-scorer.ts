/** BM25F scoring of query clauses into dense per-slot accumulators (no per-posting allocation). */
import { FIELD_COUNT, FIELD_NAMES } from './fields.js';
import type { FieldName } from './fields.js';
import type { InvertedIndex } from './inverted-index.js';
import type { Clause } from './query-plan.js';

/** BM25F parameters. */
export interface Bm25fParams {
  /** Term-frequency saturation. */
  k1: number;
  /** Field weights. */
  weights: Record<FieldName, number>;
  /** Length normalisation per field. */
  b: Record<FieldName, number>;
}

/** Scores of one query: `score[slot]` and `matched[slot]` (clauses matched) for every slot in `touched`. */
export interface ClauseScores {
  /** Summed clause scores per slot. */
  score: Float64Array;
  /** Number of clauses matched per slot. */
  matched: Uint16Array;
  /** Sum of the idf of matched clauses per slot (coverage weighted by how telling each word is). */
  coverage: Float64Array;
  /** Slots with a non-zero score, in first-touched order. */
  touched: number[];
  /** Sum of the clause idfs, the denominator of coverage. */
  totalIdf: number;
}

/** Reusable scratch buffers sized to the index; grows when the index grows. */
export class Bm25fScorer {
  private score = new Float64Array(0);
  private clause = new Float64Array(0);
  private alt = new Float64Array(0);
  private coverage = new Float64Array(0);
  private matched = new Uint16Array(0);
  private readonly w = new Float64Array(FIELD_COUNT);
  private readonly b = new Float64Array(FIELD_COUNT);
  private readonly k1: number;

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
    const { score, clause, alt, matched, coverage } = this;
    const touched: number[] = [];
    const n = index.size;
    const avg = new Float64Array(FIELD_COUNT);
    for (let f = 0; f < FIELD_COUNT; f++) avg[f] = index.avgFieldLen(f);
    let totalIdf = 0;
    const clauseTouched: number[] = [];
    const altTouched: number[] = [];
    for (const c of clauses) {
      const ownId = c.alternatives[0]?.via === 'exact' ? c.alternatives[0].termIds[0]! : -1;
      // Unknown words weigh as rare ones: missing them should cost coverage.
      const clauseIdf = ownId >= 0 ? Bm25fScorer.idf(n, index.docFreq(ownId)) : Bm25fScorer.idf(n, 1);
      if (!c.optional) totalIdf += clauseIdf;
      for (const a of c.alternatives) {
        const single = a.termIds.length === 1;
        const target = single ? clause : alt;
        for (const tid of a.termIds)
          this.accumulate(index, tid, n, avg, a.weight, target, single, single ? clauseTouched : altTouched);
        if (!single) {
          for (const s of altTouched) {
            if (alt[s]! > clause[s]!) {
              if (clause[s] === 0) clauseTouched.push(s);
              clause[s] = alt[s]!;
            }
            alt[s] = 0;
          }
          altTouched.length = 0;
        }
      }
      for (const s of clauseTouched) {
        if (score[s] === 0) touched.push(s);
        score[s] = score[s]! + clause[s]! * c.boost;
        if (!c.optional) {
          matched[s]!++;
          coverage[s] = coverage[s]! + clauseIdf;
        }
        clause[s] = 0;
      }
      clauseTouched.length = 0;
    }
    return { score, matched, coverage, touched, totalIdf };
  }

  /** Clears the accumulators for the given slots (call after consuming a result). */
  reset(touched: readonly number[]): void {
    for (const s of touched) {
      this.score[s] = 0;
      this.matched[s] = 0;
      this.coverage[s] = 0;
    }
  }

  private accumulate(
    index: InvertedIndex,
    tid: number,
    n: number,
    avg: Float64Array,
    weight: number,
    target: Float64Array,
    takeMax: boolean,
    touchedOut: number[],
  ): void {
    const docs = index.postDocs[tid];
    const tfs = index.postTfs[tid];
    if (!docs || !tfs || docs.length === 0) return;
    const idf = Bm25fScorer.idf(n, docs.length) * weight;
    const { w, b, k1 } = this;
    const lens = index.fieldLen;
    for (let j = 0; j < docs.length; j++) {
      const s = docs[j]!;
      let tfw = 0;
      const base = j * FIELD_COUNT;
      for (let f = 0; f < FIELD_COUNT; f++) {
        const tf = tfs[base + f]!;
        if (tf === 0) continue;
        tfw += (w[f]! * tf) / (1 - b[f]! + (b[f]! * lens[s * FIELD_COUNT + f]!) / avg[f]!);
      }
      const v = (idf * tfw) / (k1 + tfw);
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
    if (this.score.length >= size) return;
    const cap = Math.max(size, this.score.length * 2, 1024);
    this.score = new Float64Array(cap);
    this.clause = new Float64Array(cap);
    this.alt = new Float64Array(cap);
    this.coverage = new Float64Array(cap);
    this.matched = new Uint16Array(cap);
  }
}
