/**
 * A semantic model learned from the catalogue text alone. Random indexing (default): each term gets a vector
 * summing the random signatures of the terms it co-occurs with, so terms used in similar items end up close;
 * one pass over the index. LSA (`method: 'lsa'`, see lsa-training.ts): a truncated SVD of the item–term
 * matrix, slower to train. Neither helped on title-only Home Depot (docs/search.md). No downloaded model.
 */
import { Bm25fScorer } from './bm25f-scorer.js';
import type { InvertedIndex } from '../indexing/inverted-index.js';
import { trainLsa } from './lsa-training.js';
import type { LsaOptions } from './lsa-training.js';

/** Training options. */
export interface SemanticTrainOptions extends LsaOptions {
  /** 'random-indexing' (default, one pass) or 'lsa' (truncated SVD, seconds for 55k items). */
  method?: 'lsa' | 'random-indexing';
  /** Vector dimension (default 64; LSA 128). */
  dimension?: number;
  /** Non-zero entries per random signature (default 6). */
  nonZeros?: number;
  /** Seed of the random signatures (default 1). */
  seed?: number;
  /** Terms in fewer documents get no vector (default 2: a single item says nothing about meaning). */
  minDocs?: number;
}

/** The serialisable form of a {@link SemanticModel}. */
export interface SerializedSemanticModel {
  /** Dimension. */
  dimension: number;
  /** Terms in row order. */
  terms: string[];
  /** Row-major vectors, base64 of Float32 little-endian. */
  vectors: string;
}

// FNV-1a, so a term's signature is the same on every machine and run.
function hash(s: string, seed: number): number {
  let h = (2166136261 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h;
}

function normalize(v: Float32Array, off: number, dim: number): void {
  let s = 0;
  for (let i = 0; i < dim; i++) s += v[off + i]! * v[off + i]!;
  const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
  for (let i = 0; i < dim; i++) v[off + i] = v[off + i]! * inv;
}

/** Term vectors learned from co-occurrence in the catalogue; scores query–document similarity. */
export class SemanticModel {
  /** Vector dimension. */
  readonly dimension: number;
  private readonly rows: Map<string, number>;
  private readonly vectors: Float32Array;
  private rowCache: { index: InvertedIndex; rows: Int32Array; count: number } | null = null;

  private constructor(dimension: number, terms: string[], vectors: Float32Array) {
    this.dimension = dimension;
    this.rows = new Map(terms.map((t, i) => [t, i]));
    this.vectors = vectors;
  }

  /** Number of terms with a vector. */
  get size(): number {
    return this.rows.size;
  }

  /** Learns term vectors from the documents currently in the index. */
  static train(index: InvertedIndex, options: SemanticTrainOptions = {}): SemanticModel {
    if (options.method === 'lsa') {
      const lsa = trainLsa(index, options);
      return new SemanticModel(lsa.dimension, lsa.terms, lsa.vectors);
    }
    const dim = options.dimension ?? 64;
    const nz = options.nonZeros ?? 6;
    const seed = options.seed ?? 1;
    const n = index.size;
    const minDocs = options.minDocs ?? 2;
    // Only word terms: adjacent-pair and head markers (containing a space or \u0001) are index internals.
    const rowOf = new Int32Array(index.terms.length).fill(-1);
    const kept: number[] = [];
    index.terms.forEach((t, tid) => {
      if (index.docFreq(tid) >= minDocs && !t.includes(' ') && !t.startsWith('\u0001')) {
        rowOf[tid] = kept.length;
        kept.push(tid);
      }
    });
    const nTerms = kept.length;
    const idf = new Float32Array(nTerms);
    for (let t = 0; t < nTerms; t++) idf[t] = Bm25fScorer.idf(n, index.docFreq(kept[t]!));
    // Sparse ternary signatures: positions and signs from the term's hash.
    const sigPos = new Int32Array(nTerms * nz);
    const sigSign = new Float32Array(nTerms * nz);
    for (let t = 0; t < nTerms; t++) {
      let h = hash(index.terms[kept[t]!]!, seed);
      for (let k = 0; k < nz; k++) {
        h = Math.imul(h ^ (h >>> 15), 2246822519) >>> 0;
        sigPos[t * nz + k] = h % dim;
        sigSign[t * nz + k] = h & 0x10000 ? 1 : -1;
      }
    }
    const ctx = new Float32Array(nTerms * dim);
    const docSum = new Float32Array(dim);
    for (let slot = 0; slot < index.slotCount; slot++) {
      const slotTerms = index.termsOfSlot(slot);
      if (!slotTerms) continue;
      const terms: number[] = [];
      for (const tid of slotTerms) if (rowOf[tid]! >= 0) terms.push(rowOf[tid]!);
      if (terms.length < 2) continue;
      docSum.fill(0);
      for (const t of terms)
        for (let k = 0; k < nz; k++) {
          const at = sigPos[t * nz + k]!;
          docSum[at] = docSum[at]! + idf[t]! * sigSign[t * nz + k]!;
        }
      for (const t of terms) {
        const off = t * dim;
        for (let i = 0; i < dim; i++) ctx[off + i] = ctx[off + i]! + docSum[i]!;
        // A term is not its own context.
        for (let k = 0; k < nz; k++) {
          const at = off + sigPos[t * nz + k]!;
          ctx[at] = ctx[at]! - idf[t]! * sigSign[t * nz + k]!;
        }
      }
    }
    for (let t = 0; t < nTerms; t++) normalize(ctx, t * dim, dim);
    // Remove the direction every vector shares (frequent context words), which otherwise makes all terms similar.
    const mean = new Float32Array(dim);
    for (let t = 0; t < nTerms; t++)
      for (let i = 0; i < dim; i++) mean[i] = mean[i]! + ctx[t * dim + i]! / Math.max(1, nTerms);
    for (let t = 0; t < nTerms; t++) {
      for (let i = 0; i < dim; i++) ctx[t * dim + i] = ctx[t * dim + i]! - mean[i]!;
      normalize(ctx, t * dim, dim);
    }
    return new SemanticModel(
      dim,
      kept.map((tid) => index.terms[tid]!),
      ctx,
    );
  }

  /** Restores a model from {@link SemanticModel.toJSON}. */
  static fromJSON(data: SerializedSemanticModel): SemanticModel {
    const buf = Buffer.from(data.vectors, 'base64');
    const vectors = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
    return new SemanticModel(data.dimension, data.terms, vectors);
  }

  /** A compact serialisable form. */
  toJSON(): SerializedSemanticModel {
    const terms = new Array<string>(this.rows.size);
    for (const [t, i] of this.rows) terms[i] = t;
    const bytes = Buffer.from(this.vectors.buffer, this.vectors.byteOffset, this.vectors.byteLength);
    return { dimension: this.dimension, terms, vectors: bytes.toString('base64') };
  }

  /**
   * The row of each term id of an index (-1: no vector), extended as the index interns new terms (ids are never
   * reused): the re-ranking of a query's top results adds a few thousand term vectors, and a string lookup each
   * was most of its cost.
   */
  rowsOf(index: InvertedIndex): Int32Array {
    const cached = this.rowCache;
    const count = index.terms.length;
    if (cached !== null && cached.index === index && cached.count === count) return cached.rows;
    const rows = new Int32Array(count);
    const from = cached !== null && cached.index === index ? cached.count : 0;
    if (from > 0) rows.set(cached!.rows.subarray(0, from));
    for (let t = from; t < count; t++) rows[t] = this.rows.get(index.terms[t]!) ?? -1;
    this.rowCache = { index, rows, count };
    return rows;
  }

  /** Adds `weight` × the vector of a row (from {@link rowsOf}) into `out`. */
  addRow(row: number, weight: number, out: Float32Array): void {
    const dim = this.dimension;
    const off = row * dim;
    for (let i = 0; i < dim; i++) out[i] = out[i]! + weight * this.vectors[off + i]!;
  }

  /** Adds `weight` × the term's vector into `out`; returns false when the term has none. */
  addTerm(term: string, weight: number, out: Float32Array): boolean {
    const row = this.rows.get(term);
    if (row === undefined) return false;
    const off = row * this.dimension;
    for (let i = 0; i < this.dimension; i++) out[i] = out[i]! + weight * this.vectors[off + i]!;
    return true;
  }

  /** Cosine similarity of two terms (0 when either is unknown). */
  termSimilarity(a: string, b: string): number {
    const ra = this.rows.get(a);
    const rb = this.rows.get(b);
    if (ra === undefined || rb === undefined) return 0;
    let s = 0;
    for (let i = 0; i < this.dimension; i++)
      s += this.vectors[ra * this.dimension + i]! * this.vectors[rb * this.dimension + i]!;
    return s;
  }
}

/** Cosine similarity of two dense vectors of equal length (0 for a zero vector). */
export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}
