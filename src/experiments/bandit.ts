/**
 * Thompson-sampling bandits: each arm's share of traffic is the posterior probability that it is the best,
 * estimated by drawing from every arm's posterior, with a floor share per arm so that no arm starves and the
 * posterior keeps learning. Beta-Bernoulli for clicks/conversions, a normal model for revenue per unit.
 */
import { sampleBeta, sampleNormal } from '../math/sampling.js';
import { Random } from '../demo/random.js';

/** A Bernoulli arm's evidence: trials and successes. */
export interface BernoulliArm {
  name: string;
  trials: number;
  successes: number;
}

/** A real-valued arm's evidence: units and the sums of their values. */
export interface GaussianArm {
  name: string;
  n: number;
  sum: number;
  sumSquares: number;
}

/** Options shared by both models. */
export interface BanditOptions {
  /** Minimum share each arm keeps (0 ≤ floor ≤ 1 / arms). */
  floor?: number;
  /** Posterior draws used to estimate the shares. */
  draws?: number;
  seed?: number;
}

/**
 * The uniform source math/sampling draws from. It takes u as 1 − random(), where these bandits took the
 * generator's number itself; handing it 1 − next() keeps every posterior draw (and so every share and
 * benchmark figure) what it was before the samplers were shared.
 */
function uniform(rng: Random): () => number {
  return () => 1 - rng.next();
}

/** Applies the floor: every arm gets at least `floor`, the rest is shared in proportion to the raw shares. */
export function applyFloor(shares: readonly number[], floor: number): number[] {
  const k = shares.length;
  const f = Math.min(Math.max(floor, 0), 1 / k);
  return shares.map((s) => f + (1 - f * k) * s);
}

function sharesFrom(sampler: (arm: number) => number, arms: number, options: BanditOptions): number[] {
  const draws = options.draws ?? 10_000;
  const wins = new Array<number>(arms).fill(0);
  for (let d = 0; d < draws; d++) {
    let best = 0;
    let bestValue = -Infinity;
    for (let a = 0; a < arms; a++) {
      const v = sampler(a);
      if (v > bestValue) {
        bestValue = v;
        best = a;
      }
    }
    wins[best]!++;
  }
  return applyFloor(
    wins.map((w) => w / draws),
    options.floor ?? 0.05,
  );
}

/** Traffic shares for Bernoulli arms under a Beta(1, 1) prior. */
export function thompsonBernoulli(arms: readonly BernoulliArm[], options: BanditOptions = {}): number[] {
  const random = uniform(new Random(options.seed ?? 1));
  return sharesFrom(
    (a) => sampleBeta(random, 1 + arms[a]!.successes, 1 + Math.max(0, arms[a]!.trials - arms[a]!.successes)),
    arms.length,
    options,
  );
}

/**
 * Traffic shares for real-valued arms: each arm's mean has an approximately normal posterior N(x̄, s²/n); an arm
 * with fewer than two units borrows the pooled variance so it is still explored.
 */
export function thompsonGaussian(arms: readonly GaussianArm[], options: BanditOptions = {}): number[] {
  const random = uniform(new Random(options.seed ?? 1));
  let n = 0;
  let s = 0;
  let ss = 0;
  for (const a of arms) {
    n += a.n;
    s += a.sum;
    ss += a.sumSquares;
  }
  const pooledVar = n > 1 ? Math.max((ss - (s * s) / n) / (n - 1), 1e-12) : 1;
  const pooledMean = n > 0 ? s / n : 0;
  const posterior = arms.map((a) => {
    if (a.n < 2) return { mean: a.n > 0 ? a.sum / a.n : pooledMean, sd: Math.sqrt(pooledVar / Math.max(a.n, 1)) };
    const v = Math.max((a.sumSquares - (a.sum * a.sum) / a.n) / (a.n - 1), 1e-12);
    return { mean: a.sum / a.n, sd: Math.sqrt(v / a.n) };
  });
  return sharesFrom((a) => posterior[a]!.mean + posterior[a]!.sd * sampleNormal(random), arms.length, options);
}

/** Picks an arm index for one visitor given traffic shares and a uniform number u in [0, 1). */
export function pickArm(shares: readonly number[], u: number): number {
  let edge = 0;
  for (let i = 0; i < shares.length; i++) {
    edge += shares[i]!;
    if (u < edge) return i;
  }
  return shares.length - 1;
}
