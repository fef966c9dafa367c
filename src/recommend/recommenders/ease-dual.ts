/**
 * EASE in its dual (user-space) form: exact over every item when there are fewer users than items.
 * With K = XXᵀ + λI (users × users), Woodbury gives P = (XᵀX + λI)⁻¹ = (I − Xᵀ K⁻¹ X) / λ, so the
 * n³ item inverse becomes a u³ user inverse. Scores of a history x: s = x − x·P·diag(P)⁻¹, computed as
 * t = (x Xᵀ K⁻¹) X and s_j = x_j − (x_j − t_j) / d_j with d_j = λ·P_jj = 1 − x_jᵀ K⁻¹ x_j.
 */
import { CsrMatrix } from '../../math/csr-matrix.js';
import { invertSpdInPlace } from '../../math/spd-inverse.js';
import type { InteractionLog } from '../interaction-log.js';

/** The fitted dual state: the binary user×item matrix both ways, K⁻¹ and the scaled diagonal of P. */
export interface EaseDual {
  userItems: CsrMatrix;
  itemUsers: CsrMatrix;
  /** K⁻¹, users × users, row-major. */
  kInverse: Float32Array;
  /** d_j = λ·P_jj (1 for items nobody has). */
  diag: Float32Array;
}

/** Reusable per-request buffers for {@link scoreEaseDual}. */
export interface DualScratch {
  c: Float64Array;
  g: Float64Array;
}

/** Fits the dual form on the binary user×item matrix of `log` (u³ + Σ_items n_j² work). */
export function fitEaseDual(log: InteractionLog, lambda: number): EaseDual {
  const users = log.numUsers;
  const userItems = binaryMatrix(log);
  const itemUsers = userItems.transpose();
  const k = new Float64Array(users * users);
  // XXᵀ by items: every pair of users sharing an item adds one.
  for (let j = 0; j < itemUsers.rows; j++) {
    const a = itemUsers.indptr[j]!;
    const b = itemUsers.indptr[j + 1]!;
    for (let p = a; p < b; p++) {
      const row = itemUsers.indices[p]! * users;
      for (let q = a; q < b; q++) k[row + itemUsers.indices[q]!]!++;
    }
  }
  for (let u = 0; u < users; u++) k[u * users + u]! += lambda;
  invertSpdInPlace(k, users);
  const diag = new Float32Array(itemUsers.rows);
  for (let j = 0; j < itemUsers.rows; j++) {
    const a = itemUsers.indptr[j]!;
    const b = itemUsers.indptr[j + 1]!;
    let quad = 0;
    for (let p = a; p < b; p++) {
      const row = itemUsers.indices[p]! * users;
      for (let q = a; q < b; q++) quad += k[row + itemUsers.indices[q]!]!;
    }
    diag[j] = 1 - quad;
  }
  return { userItems, itemUsers, kInverse: Float32Array.from(k), diag };
}

/** New scratch buffers for a fitted model. */
export function dualScratch(d: EaseDual): DualScratch {
  return { c: new Float64Array(d.userItems.rows), g: new Float64Array(d.userItems.rows) };
}

/**
 * Writes the EASE score of every item for history items `items` with weights `w` into `out` (zeroed
 * first). Cost: Σ popularity of the history items + users² + non-zeros of X.
 */
export function scoreEaseDual(
  d: EaseDual,
  items: ArrayLike<number>,
  w: ArrayLike<number>,
  out: Float32Array,
  scratch: DualScratch,
): void {
  const users = d.userItems.rows;
  const nItems = d.itemUsers.rows;
  const { c, g } = scratch;
  c.fill(0);
  out.fill(0);
  for (let p = 0; p < items.length; p++) {
    const j = items[p]!;
    const wp = w[p]!;
    if (j < 0 || j >= nItems || wp === 0) continue;
    out[j]! += wp;
    for (let q = d.itemUsers.indptr[j]!; q < d.itemUsers.indptr[j + 1]!; q++) c[d.itemUsers.indices[q]!]! += wp;
  }
  // g = K⁻¹ c over the users that share an item with the history (K⁻¹ is symmetric: rows are columns).
  g.fill(0);
  for (let v = 0; v < users; v++) {
    const cv = c[v]!;
    if (cv === 0) continue;
    const row = v * users;
    for (let u = 0; u < users; u++) g[u]! += cv * d.kInverse[row + u]!;
  }
  const t = new Float64Array(nItems);
  for (let u = 0; u < users; u++) {
    const gu = g[u]!;
    if (gu === 0) continue;
    for (let q = d.userItems.indptr[u]!; q < d.userItems.indptr[u + 1]!; q++) t[d.userItems.indices[q]!]! += gu;
  }
  for (let j = 0; j < nItems; j++) {
    const x = out[j]!;
    out[j] = x - (x - t[j]!) / d.diag[j]!;
  }
}

/** The user×item matrix with a 1 wherever the user has the item (repeats counted once). */
function binaryMatrix(log: InteractionLog): CsrMatrix {
  const m = CsrMatrix.fromCoo(log.numUsers, log.numItems, log.users, log.items);
  m.values.fill(1);
  return m;
}
