/** L2-regularised logistic regression fitted by Newton's method (IRLS) on a small dense feature matrix. */

/** A fitted model over standardised features: p = sigmoid(bias + Σ w_j (x_j − mean_j) / std_j); plain JSON. */
export interface LogisticModel {
  bias: number;
  weights: number[];
  means: number[];
  stds: number[];
}

/** Fits on row-major `features` (n × d) and binary labels; `l2` penalises the weights, not the bias. */
export function fitLogisticRegression(
  features: Float64Array,
  labels: ArrayLike<boolean>,
  d: number,
  l2 = 1e-2,
  iterations = 30,
): LogisticModel {
  const n = labels.length;
  const means = new Float64Array(d);
  const stds = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) means[j]! += features[i * d + j]! / n;
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) stds[j]! += (features[i * d + j]! - means[j]!) ** 2 / n;
  for (let j = 0; j < d; j++) stds[j] = Math.sqrt(stds[j]!) || 1;
  const k = d + 1;
  const beta = new Float64Array(k);
  const row = new Float64Array(k);
  for (let it = 0; it < iterations; it++) {
    const grad = new Float64Array(k);
    const hess = new Float64Array(k * k);
    for (let i = 0; i < n; i++) {
      row[0] = 1;
      for (let j = 0; j < d; j++) row[j + 1] = (features[i * d + j]! - means[j]!) / stds[j]!;
      let z = 0;
      for (let j = 0; j < k; j++) z += beta[j]! * row[j]!;
      const p = 1 / (1 + Math.exp(-z));
      const y = labels[i] ? 1 : 0;
      const w = Math.max(p * (1 - p), 1e-12);
      for (let a = 0; a < k; a++) {
        grad[a]! += (y - p) * row[a]!;
        for (let b = 0; b <= a; b++) hess[a * k + b]! += w * row[a]! * row[b]!;
      }
    }
    for (let a = 1; a < k; a++) {
      grad[a]! -= l2 * n * beta[a]!;
      hess[a * k + a]! += l2 * n;
    }
    for (let a = 0; a < k; a++) for (let b = a + 1; b < k; b++) hess[a * k + b] = hess[b * k + a]!;
    const step = solve(hess, grad, k);
    let change = 0;
    for (let a = 0; a < k; a++) {
      beta[a]! += step[a]!;
      change = Math.max(change, Math.abs(step[a]!));
    }
    if (change < 1e-8) break;
  }
  return { bias: beta[0]!, weights: Array.from(beta.slice(1)), means: Array.from(means), stds: Array.from(stds) };
}

/** Probability of the positive class for one feature row. */
export function predictLogistic(model: LogisticModel, row: ArrayLike<number>): number {
  let z = model.bias;
  for (let j = 0; j < model.weights.length; j++)
    z += (model.weights[j]! * (row[j]! - model.means[j]!)) / model.stds[j]!;
  return 1 / (1 + Math.exp(-z));
}

/** Solves A x = b (A symmetric positive definite, k small) by Gaussian elimination with partial pivoting. */
function solve(matrix: Float64Array, rhs: Float64Array, k: number): Float64Array {
  const a = matrix.slice();
  const b = rhs.slice();
  for (let c = 0; c < k; c++) {
    let pivot = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(a[r * k + c]!) > Math.abs(a[pivot * k + c]!)) pivot = r;
    if (pivot !== c) {
      for (let j = 0; j < k; j++) [a[c * k + j], a[pivot * k + j]] = [a[pivot * k + j]!, a[c * k + j]!];
      [b[c], b[pivot]] = [b[pivot]!, b[c]!];
    }
    const diag = a[c * k + c]! || 1e-12;
    for (let r = c + 1; r < k; r++) {
      const f = a[r * k + c]! / diag;
      if (f === 0) continue;
      for (let j = c; j < k; j++) a[r * k + j]! -= f * a[c * k + j]!;
      b[r]! -= f * b[c]!;
    }
  }
  const x = new Float64Array(k);
  for (let r = k - 1; r >= 0; r--) {
    let s = b[r]!;
    for (let j = r + 1; j < k; j++) s -= a[r * k + j]! * x[j]!;
    x[r] = s / (a[r * k + r]! || 1e-12);
  }
  return x;
}
