/** Implicit-feedback matrix factorisation (Hu, Koren & Volinsky) solved by conjugate gradient. */
import { CsrMatrix } from '../../math/csr-matrix.js';
import { seededRandom } from '../../math/random.js';
import { getArray, pack, unpack } from '../../math/pack.js';
import { recencyWeights } from '../history.js';
import type { History, RecencyOptions } from '../history.js';
import type { ItemSubset } from '../item-subset.js';
import { topK } from '../../math/top-k.js';
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

/** Items whose dot products are computed when looking for candidates. */
const PROBE_ITEMS = 512;

/** Alternating least squares with CG; users are folded in from their history at scoring time. */
export class AlsRecommender implements Recommender {
  readonly name = 'als';
  private n = 0;
  private f = 0;
  private itemFactors = new Float32Array(0);
  /** YᵀY of the item factors, cached because every fold-in needs it. */
  private gram: Float64Array = new Float64Array(0);
  /** Items with the longest factor vectors, where the largest dot products usually are (computed on first use). */
  private probe: Int32Array | undefined;
  /** Scratch of candidates(), kept: typed arrays made per request slow young-generation collections. */
  private probeScores: Float32Array | undefined;
  private probeSkip: Uint8Array | undefined;
  private work: SolveWork | undefined;
  /** The last history's folded-in user vector: candidates() and scoreSubset() of one request share it. */
  private last: { history: History; x: Float32Array | null } | undefined;

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
    this.probe = undefined;
    this.probeScores = undefined;
    this.probeSkip = undefined;
    this.last = undefined;
  }

  /** Folds the history in as a user vector (a few CG steps from zero), then scores every item. */
  score(history: History, out: Float32Array): void {
    out.fill(0);
    const x = this.solveFoldIn(history);
    if (!x) return;
    for (let i = 0; i < this.n; i++) out[i] = rowDot(this.itemFactors, i * this.f, x, this.f);
  }

  /**
   * The best unseen items among those with the longest factor vectors: a dot product is bounded by the
   * product of the lengths, so the largest scores are nearly always there, at a fraction of the cost.
   */
  candidates(history: History, limit: number, seen: Uint8Array, into: ItemSubset): void {
    const x = this.foldIn(history);
    if (!x) return;
    const probe = (this.probe ??= longestRows(this.itemFactors, this.f, PROBE_ITEMS));
    const scores = (this.probeScores ??= new Float32Array(probe.length));
    const skip = (this.probeSkip ??= new Uint8Array(probe.length));
    for (let r = 0; r < probe.length; r++) {
      skip[r] = seen[probe[r]!]!;
      scores[r] = rowDot(this.itemFactors, probe[r]! * this.f, x, this.f);
    }
    const top = topK(scores, limit, skip, 0);
    for (let r = 0; r < top.indices.length; r++) into.add(probe[top.indices[r]!]!);
  }

  /** {@link score} for the subset's items only. */
  scoreSubset(history: History, subset: ItemSubset, out: Float32Array): void {
    const items = subset.items;
    out.fill(0, 0, items.length);
    const x = this.foldIn(history);
    if (!x) return;
    for (let r = 0; r < items.length; r++)
      if (items[r]! < this.n) out[r] = rowDot(this.itemFactors, items[r]! * this.f, x, this.f);
  }

  /** {@link solveFoldIn}, reused while the same history object is asked about again. */
  private foldIn(history: History): Float32Array | null {
    if (this.last?.history !== history) this.last = { history, x: this.solveFoldIn(history) };
    return this.last.x;
  }

  /** The history as a user vector (a few CG steps from zero); null when no history item is known. */
  private solveFoldIn(history: History): Float32Array | null {
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
    let x: Float32Array | null = null;
    if (idx.length > 0) {
      const row = new CsrMatrix(1, this.n, Int32Array.of(0, idx.length), Int32Array.from(idx), Float32Array.from(val));
      x = new Float32Array(this.f);
      this.work ??= solveWork(this.f);
      solveSide(row, this.itemFactors, this.gram, x, this.f, this.opts.regularization ?? 0.05, 8, this.work);
    }
    return x;
  }

  /** Items whose factors are closest (dot product) to the item's. */
  similar(item: number, out: Float32Array): void {
    out.fill(0);
    if (item < 0 || item >= this.n) return;
    const v = this.itemFactors.subarray(item * this.f, (item + 1) * this.f);
    for (let i = 0; i < this.n; i++) out[i] = rowDot(this.itemFactors, i * this.f, v, this.f);
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
  work: SolveWork = solveWork(f),
): void {
  const { x, r, p, ap } = work;
  const mul = (v: Float64Array, res: Float64Array, row: number): void => {
    for (let a = 0; a < f; a++) res[a] = dot64(yty, a * f, v, 0, f) + reg * v[a]!;
    for (let k = conf.indptr[row]!; k < conf.indptr[row + 1]!; k++) {
      const o = conf.indices[k]! * f;
      const s = conf.values[k]! * dot32(y, o, v, f);
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
    let rs = dot64(r, 0, r, 0, f);
    for (let s = 0; s < steps && rs > 1e-20; s++) {
      mul(p, ap, row);
      const step = rs / dot64(p, 0, ap, 0, f);
      for (let a = 0; a < f; a++) {
        x[a]! += step * p[a]!;
        r[a]! -= step * ap[a]!;
      }
      const rsNew = dot64(r, 0, r, 0, f);
      const beta = rsNew / rs;
      for (let a = 0; a < f; a++) p[a] = r[a]! + beta * p[a]!;
      rs = rsNew;
    }
    for (let a = 0; a < f; a++) target[row * f + a] = x[a]!;
  }
}

/** Vectors the CG solver works in (reused by fold-ins). */
interface SolveWork {
  x: Float64Array;
  r: Float64Array;
  p: Float64Array;
  ap: Float64Array;
}

function solveWork(f: number): SolveWork {
  return { x: new Float64Array(f), r: new Float64Array(f), p: new Float64Array(f), ap: new Float64Array(f) };
}

/** Σ a[ao + k] · b[bo + k] over Float64 arrays (monomorphic: see rowDot). */
function dot64(a: Float64Array, ao: number, b: Float64Array, bo: number, n: number): number {
  let s = 0;
  for (let k = 0; k < n; k++) s += a[ao + k]! * b[bo + k]!;
  return s;
}

/** Σ y[o + k] · v[k] with Float32 factors and a Float64 vector (monomorphic: see rowDot). */
function dot32(y: Float32Array, o: number, v: Float64Array, n: number): number {
  let s = 0;
  for (let k = 0; k < n; k++) s += y[o + k]! * v[k]!;
  return s;
}

/**
 * Row `o / f` of y times x. Float32 only: the shared dot() also sees Float64 arrays in the solver, and
 * that polymorphism made scoring every item several times slower.
 */
function rowDot(y: Float32Array, o: number, x: Float32Array, f: number): number {
  let s0 = 0;
  let s1 = 0;
  let a = 0;
  for (; a + 1 < f; a += 2) {
    s0 += y[o + a]! * x[a]!;
    s1 += y[o + a + 1]! * x[a + 1]!;
  }
  if (a < f) s0 += y[o + a]! * x[a]!;
  return s0 + s1;
}

/** The `count` rows with the largest Euclidean norm, longest first. */
function longestRows(y: Float32Array, f: number, count: number): Int32Array {
  const rows = y.length / f;
  const norms = new Float32Array(rows);
  for (let i = 0; i < rows; i++) norms[i] = rowDot(y, i * f, y.subarray(i * f, i * f + f), f);
  return topK(norms, count).indices;
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
