/**
 * Attribution of conversions to touchpoints (recommendation lists, searches, messages, channels). Rule-based
 * models split each converting journey's credit by position or time; the data-driven model is a first-order
 * Markov chain over all journeys, converting or not, crediting each touchpoint by its removal effect: how much
 * the chance of conversion falls when that touchpoint is taken out of the chain.
 */
import { DAY_MS } from '../domain/index.js';

/** One touch on the way to a conversion (or not). */
export interface Touchpoint {
  /** What touched the customer: a channel, surface or campaign name. */
  channel: string;
  ts: number;
}

/** A customer's touchpoints in time order and the outcome. */
export interface Journey {
  touchpoints: readonly Touchpoint[];
  converted: boolean;
  /** Revenue of the conversion (0 when none). */
  value: number;
  /** When the conversion happened (for time decay); defaults to the last touch. */
  convertedAt?: number;
}

/** Names of the attribution models. */
export const ATTRIBUTION_MODELS = [
  'last-touch',
  'first-touch',
  'linear',
  'time-decay',
  'position-based',
  'markov',
] as const;
/** An attribution model. */
export type AttributionModel = (typeof ATTRIBUTION_MODELS)[number];

/** Credit given to one touchpoint name. */
export interface ChannelCredit {
  channel: string;
  conversions: number;
  value: number;
}

/** Options for the models. */
export interface AttributionOptions {
  /** Time-decay half-life in ms (default 7 days). */
  halfLifeMs?: number;
}

/** Splits one converting journey's credit over its touchpoints (weights sum to 1). */
export function touchWeights(
  journey: Journey,
  model: Exclude<AttributionModel, 'markov'>,
  options: AttributionOptions = {},
): number[] {
  const k = journey.touchpoints.length;
  if (k === 0) return [];
  const w = new Array<number>(k).fill(0);
  switch (model) {
    case 'last-touch':
      w[k - 1] = 1;
      return w;
    case 'first-touch':
      w[0] = 1;
      return w;
    case 'linear':
      return w.fill(1 / k);
    case 'position-based': {
      // 40% to the first and the last touch, 20% spread over the middle ones.
      if (k === 1) return [1];
      if (k === 2) return [0.5, 0.5];
      w.fill(0.2 / (k - 2));
      w[0] = 0.4;
      w[k - 1] = 0.4;
      return w;
    }
    case 'time-decay': {
      const halfLife = options.halfLifeMs ?? 7 * DAY_MS;
      const end = journey.convertedAt ?? journey.touchpoints[k - 1]!.ts;
      let total = 0;
      journey.touchpoints.forEach((t, i) => {
        w[i] = Math.pow(2, -Math.max(0, end - t.ts) / halfLife);
        total += w[i];
      });
      return w.map((x) => x / total);
    }
  }
}

/** Credit per channel under one model, largest first. */
export function attribute(
  journeys: readonly Journey[],
  model: AttributionModel,
  options: AttributionOptions = {},
): ChannelCredit[] {
  const credit = new Map<string, ChannelCredit>();
  const add = (channel: string, share: number, value: number) => {
    const c = credit.get(channel) ?? { channel, conversions: 0, value: 0 };
    c.conversions += share;
    c.value += share * value;
    credit.set(channel, c);
  };
  if (model === 'markov') {
    const shares = markovRemovalShares(journeys);
    let conversions = 0;
    let value = 0;
    for (const j of journeys) {
      if (!j.converted || j.touchpoints.length === 0) continue;
      conversions++;
      value += j.value;
    }
    for (const [channel, share] of shares) {
      credit.set(channel, { channel, conversions: conversions * share, value: value * share });
    }
  } else {
    for (const j of journeys) {
      if (!j.converted) continue;
      touchWeights(j, model, options).forEach((share, i) => add(j.touchpoints[i]!.channel, share, j.value));
    }
  }
  return [...credit.values()].sort(
    (a, b) => b.value - a.value || b.conversions - a.conversions || (a.channel < b.channel ? -1 : 1),
  );
}

const START = 0;
const CONVERSION = 1;
const NULL = 2;

/** Removal-effect shares per channel from a first-order Markov chain over the journeys (sum to 1, or empty). */
export function markovRemovalShares(journeys: readonly Journey[]): Map<string, number> {
  const index = new Map<string, number>();
  const names: string[] = [];
  const state = (channel: string): number => {
    let s = index.get(channel);
    if (s === undefined) {
      s = 3 + names.length;
      index.set(channel, s);
      names.push(channel);
    }
    return s;
  };
  const counts = new Map<number, Map<number, number>>();
  const count = (from: number, to: number) => {
    const row = counts.get(from) ?? new Map<number, number>();
    row.set(to, (row.get(to) ?? 0) + 1);
    counts.set(from, row);
  };
  for (const j of journeys) {
    if (j.touchpoints.length === 0) continue;
    let prev = START;
    for (const t of j.touchpoints) {
      const s = state(t.channel);
      // Repeats of the same touchpoint in a row are one visit to that state (no self-loops).
      if (s !== prev) count(prev, s);
      prev = s;
    }
    count(prev, j.converted ? CONVERSION : NULL);
  }
  const size = 3 + names.length;
  const rows: { to: Int32Array; p: Float64Array }[] = [];
  for (let s = 0; s < size; s++) {
    const row = counts.get(s);
    const total = row ? [...row.values()].reduce((a, b) => a + b, 0) : 0;
    const to = Int32Array.from(row?.keys() ?? []);
    const p = Float64Array.from(row?.values() ?? [], (c) => c / total);
    rows.push({ to, p });
  }
  const base = conversionProbability(rows, size, -1);
  const shares = new Map<string, number>();
  if (base <= 0) return shares;
  let total = 0;
  const effects = names.map((_, i) => {
    const effect = Math.max(0, 1 - conversionProbability(rows, size, 3 + i) / base);
    total += effect;
    return effect;
  });
  if (total <= 0) return shares;
  names.forEach((name, i) => shares.set(name, effects[i]! / total));
  return shares;
}

/** P(reaching conversion from start), with state `removed` (−1 for none) sending every path to null. */
function conversionProbability(
  rows: readonly { to: Int32Array; p: Float64Array }[],
  size: number,
  removed: number,
): number {
  // Absorption probabilities by fixed-point iteration; the chain is small (one state per channel).
  let p = new Float64Array(size);
  p[CONVERSION] = 1;
  for (let iter = 0; iter < 10_000; iter++) {
    const next = new Float64Array(size);
    next[CONVERSION] = 1;
    let change = 0;
    for (let s = 0; s < size; s++) {
      if (s === CONVERSION || s === NULL || s === removed) continue;
      const { to, p: prob } = rows[s]!;
      let v = 0;
      for (let k = 0; k < to.length; k++) v += prob[k]! * p[to[k]!]!;
      next[s] = v;
      change = Math.max(change, Math.abs(v - p[s]!));
    }
    p = next;
    if (change < 1e-12) break;
  }
  return p[START]!;
}
