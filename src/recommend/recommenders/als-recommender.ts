/** Implicit-feedback matrix factorisation (Hu, Koren & Volinsky) solved by conjugate gradient. */
import { CsrMatrix } from '../../math/csr-matrix.js';
import { dot, seededRandom } from '../../math/dense.js';
import { getArray, pack, unpack } from '../../math/pack.js';
import { recencyWeights } from '../history.js';
import type { History, RecencyOptions } from '../history.js';
import type { InteractionLog } from '../interaction-log.js';
import type { Recommender } from '../recommender.js';

/** Options for {@link AlsRecommender}. */
export interface AlsOptions extends RecencyOptions {
  factors?: number;
  iterations?: number;
  /** CG steps per least-squares solve (warm-started, so few are needed). */
  cgSteps?: number;
  regularization?: number;
  /** Confidence c = 1 + alpha · weight. */
  alpha?: number;
  seed?: number;
}

/** Alternating least squares with CG; users are folded in from their history at scoring time. */
export class AlsRecommender implements Recommender {
  readonly name = 'als';
  private n = 0;
  private f = 0;
  private itemFactors = new Float32Array(0);
  /** YᵀY of the item factors, cached because every fold-in needs it. */
  private gram: Float64Array = new Float64Array(0);

  constructor(readonly opts: AlsOptions = {}) {}

  /** Number of items scored. */
  get numItems(): number {
    return this.n;
  }

  /** Alternates user and item solves over the confidence-weighted user×item matrix. */
  fit(log: InteractionLog): void {
    const f = (this.f = this.opts.factors ?? 64);
    this.n = log.numItems;
    const alpha = this.opts.alpha ?? 10;
    const vals = new Float32Array(log.size);
    for (let k = 0; k < log.size; k++) vals[k] = Math.max(0, log.weights[k]!);
    const ui = CsrMatrix.fromCoo(log.numUsers, log.numItems, log.users, log.items, vals);
    for (let k = 0; k < ui.values.length; k++) ui.values[k] = alpha * ui.values[k]!;
    const iu = ui.transpose();
    const rand = seededRandom(this.opts.seed ?? 1);
    const users = new Float32Array(log.numUsers * f);
    const items = new Float32Array(log.numItems * f);
    for (let k = 0; k < items.length; k++) items[k] = (rand() - 0.5) * 0.01;
    const reg = this.opts.regularization ?? 0.05;
    const steps = this.opts.cgSteps ?? 3;
    for (let it = 0; it < (this.opts.iterations ?? 12); it++) {
      solveSide(ui, items, gramian(items, f), users, f, reg, steps);
      solveSide(iu, users, gramian(users, f), items, f, reg, steps);
    }
    this.itemFactors = items;
    this.gram = gramian(items, f);
  }

  /** Folds the history in as a user vector (a few CG steps from zero), then scores every item. */
  score(history: History, out: Float32Array): void {
    out.fill(0);
    const w = recencyWeights(history, this.opts);
    const alpha = this.opts.alpha ?? 10;
    const idx: number[] = [];
    const val: number[] = [];
    for (let p = 0; p < history.items.length; p++) {
      const item = history.items[p]!;
      if (item < 0 || item >= this.n || !(w[p]! > 0)) continue;
      idx.push(item);
      val.push(alpha * w[p]!);
    }
    if (idx.length === 0) return;
    const row = new CsrMatrix(1, this.n, Int32Array.of(0, idx.length), Int32Array.from(idx), Float32Array.from(val));
    const x = new Float32Array(this.f);
    solveSide(row, this.itemFactors, this.gram, x, this.f, this.opts.regularization ?? 0.05, 8);
    for (let i = 0; i < this.n; i++) out[i] = dot(this.itemFactors, i * this.f, x, 0, this.f);
  }

  /** Items whose factors are closest (dot product) to the item's. */
  similar(item: number, out: Float32Array): void {
    out.fill(0);
    if (item < 0 || item >= this.n) return;
    for (let i = 0; i < this.n; i++)
      out[i] = dot(this.itemFactors, i * this.f, this.itemFactors, item * this.f, this.f);
    out[item] = 0;
  }

  /** Item factors. */
  save(): Uint8Array {
    return pack({ name: this.name, opts: this.opts, n: this.n, f: this.f }, { items: this.itemFactors });
  }

  /** Restores a model written by {@link save}. */
  static load(bytes: Uint8Array): AlsRecommender {
    const { meta, arrays } = unpack<{ opts: AlsOptions; n: number; f: number }>(bytes);
    const m = new AlsRecommender(meta.opts);
    m.n = meta.n;
    m.f = meta.f;
    m.itemFactors = getArray(arrays, 'items', Float32Array);
    m.gram = gramian(m.itemFactors, m.f);
    return m;
  }
}

/**
 * For each row r of `conf` (values = c − 1), solves (YᵀY + λI + Σ (c−1) y yᵀ) x = Σ c y by CG,
 * warm-started from the current x, writing the rows of `target`.
 */
function solveSide(
  conf: CsrMatrix,
  y: Float32Array,
  yty: Float64Array,
  target: Float32Array,
  f: number,
  reg: number,
  steps: number,
): void {
  const x = new Float64Array(f);
  const r = new Float64Array(f);
  const p = new Float64Array(f);
  const ap = new Float64Array(f);
  const mul = (v: Float64Array, res: Float64Array, row: number): void => {
    for (let a = 0; a < f; a++) res[a] = dot(yty, a * f, v, 0, f) + reg * v[a]!;
    for (let k = conf.indptr[row]!; k < conf.indptr[row + 1]!; k++) {
      const o = conf.indices[k]! * f;
      const s = conf.values[k]! * dot(y, o, v, 0, f);
      for (let a = 0; a < f; a++) res[a]! += s * y[o + a]!;
    }
  };
  for (let row = 0; row < conf.rows; row++) {
    for (let a = 0; a < f; a++) x[a] = target[row * f + a]!;
    mul(x, r, row);
    for (let a = 0; a < f; a++) r[a] = -r[a]!;
    for (let k = conf.indptr[row]!; k < conf.indptr[row + 1]!; k++) {
      const o = conf.indices[k]! * f;
      const c = 1 + conf.values[k]!;
      for (let a = 0; a < f; a++) r[a]! += c * y[o + a]!;
    }
    p.set(r);
    let rs = dot(r, 0, r, 0, f);
    for (let s = 0; s < steps && rs > 1e-20; s++) {
      mul(p, ap, row);
      const step = rs / dot(p, 0, ap, 0, f);
      for (let a = 0; a < f; a++) {
        x[a]! += step * p[a]!;
        r[a]! -= step * ap[a]!;
      }
      const rsNew = dot(r, 0, r, 0, f);
      const beta = rsNew / rs;
      for (let a = 0; a < f; a++) p[a] = r[a]! + beta * p[a]!;
      rs = rsNew;
    }
    for (let a = 0; a < f; a++) target[row * f + a] = x[a]!;
  }
}

/** YᵀY for row-major factors with f columns. */
function gramian(y: Float32Array, f: number): Float64Array {
  const yty = new Float64Array(f * f);
  for (let o = 0; o < y.length; o += f) {
    for (let a = 0; a < f; a++) {
      const ya = y[o + a]!;
      if (ya === 0) continue;
      for (let b = 0; b < f; b++) yty[a * f + b]! += ya * y[o + b]!;
    }
  }
  return yty;
}
