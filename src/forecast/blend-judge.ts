/**
 * Turns the judge's backtest scores of the candidate blends (the local combinations alone, and their equal blends
 * with sets of pooled models) into each component's share of the forecast. A hard pick of the best-scoring blend
 * on one backtest window is partly luck: blends a few thousandths apart swap places from one window to the next.
 * So every blend gets a weight that falls exponentially with how far its score lies above the best one, and each
 * component's share is what the weighted blends give it. On UCI weekly sales this scored 0.763 on the four
 * validation windows where the hard pick scored 0.776 (docs/forecasting.md).
 */

/**
 * How fast a blend's weight falls with its score (mean RMSSE) above the best: by e every 0.005. Chosen on UCI's
 * validation windows and the simulated monthly proxy: 0.002 is nearly the hard pick, 0.01 and above blend in
 * losers the simulated monthly series do not want.
 */
export const JUDGE_TEMPERATURE = 0.005;

/** A pooled model whose share comes out smaller than this is left out (not worth fitting for so little). */
export const MIN_POOLED_SHARE = 0.03;

/** Each component's share of the blended forecast (they sum to one). */
export interface BlendShares<K> {
  /** The local combinations' share. */
  local: number;
  /** Each pooled model's share; models left out are absent. */
  pooled: Map<K, number>;
}

/**
 * Shares of the local combinations and of each pooled model, from the candidate blends (each the set of pooled
 * models averaged in equal parts with the local combinations; the empty set is the local combinations alone) and
 * their backtest scores (lower is better; a non-finite score gets no weight). A temperature of 0 is the hard pick.
 */
export function blendShares<K>(
  blends: readonly (readonly K[])[],
  scores: readonly number[],
  temperature = JUDGE_TEMPERATURE,
  minShare = MIN_POOLED_SHARE,
): BlendShares<K> {
  const weights = blendWeights(scores, temperature);
  let local = 0;
  const pooled = new Map<K, number>();
  blends.forEach((kinds, b) => {
    const part = weights[b]! / (kinds.length + 1);
    local += part;
    for (const kind of kinds) pooled.set(kind, (pooled.get(kind) ?? 0) + part);
  });
  for (const [kind, share] of pooled) if (share < minShare) pooled.delete(kind);
  let total = local;
  for (const share of pooled.values()) total += share;
  if (!(total > 0)) return { local: 1, pooled: new Map() };
  for (const [kind, share] of pooled) pooled.set(kind, share / total);
  return { local: local / total, pooled };
}

/** Weights (summing to one) of blends scored `scores`: exp(−(score − best) / temperature), or all on the best at 0. */
export function blendWeights(scores: readonly number[], temperature = JUDGE_TEMPERATURE): number[] {
  let best = -1;
  scores.forEach((s, b) => {
    if (Number.isFinite(s) && (best < 0 || s < scores[best]!)) best = b;
  });
  if (best < 0) return scores.map(() => 0);
  const low = scores[best]!;
  const raw = scores.map((s, b) => {
    if (!Number.isFinite(s)) return 0;
    if (temperature > 0) return Math.exp(-(s - low) / temperature);
    return b === best ? 1 : 0;
  });
  const total = raw.reduce((a, w) => a + w, 0);
  return raw.map((w) => w / total);
}
