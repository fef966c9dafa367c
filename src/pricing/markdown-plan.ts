/**
 * Markdown plans for overstock: the smallest price cuts, step by step, that sell the stock within the
 * periods left, given the forecast demand at the current price and the item's elasticity. A cut only goes
 * as deep as the floor (cost or a minimum price); the plan says how much stock it still expects to be left.
 */
import { applyEnding, unitsAt, type PriceEnding } from './suggest-price.js';

/** Inputs of a markdown plan. */
export interface MarkdownInput {
  currentPrice: number;
  stock: number;
  /** Forecast units per period at the current price. */
  demand: readonly number[];
  elasticity: number;
  /** Lowest allowed price. */
  floor: number;
  /** Periods between price steps (default 2). */
  stepPeriods?: number;
  ending?: PriceEnding;
}

/** One step of the plan. */
export interface MarkdownStep {
  fromPeriod: number;
  price: number;
  expectedUnits: number;
}

/** A plan and its expected end state. */
export interface MarkdownPlan {
  steps: MarkdownStep[];
  expectedLeftover: number;
  expectedRevenue: number;
}

/** Plans the markdowns for the periods in `demand`. */
export function planMarkdown(input: MarkdownInput): MarkdownPlan {
  const { currentPrice: p0, elasticity, floor } = input;
  const step = Math.max(1, input.stepPeriods ?? 2);
  const ending = input.ending ?? 'none';
  const steps: MarkdownStep[] = [];
  let left = input.stock;
  let revenue = 0;
  let price = p0;
  for (let from = 0; from < input.demand.length && left > 1e-9; from += step) {
    const window = input.demand.slice(from, from + step);
    const rest = input.demand.slice(from).reduce((a, b) => a + b, 0);
    // The price at which what remains of the horizon would sell what remains of the stock.
    const needed = rest > 0 && elasticity < 0 ? p0 * Math.pow(left / rest, 1 / elasticity) : price;
    const raw = Math.max(Math.min(price, needed), floor);
    const next = Math.max(applyEnding(raw, ending), floor);
    price = Math.min(price, next);
    const units = Math.min(
      left,
      window.reduce((a, d) => a + unitsAt(price, p0, d, elasticity), 0),
    );
    left -= units;
    revenue += units * price;
    steps.push({ fromPeriod: from, price, expectedUnits: units });
  }
  // Merge consecutive steps at the same price: a plan lists price changes.
  const merged: MarkdownStep[] = [];
  for (const s of steps) {
    const last = merged[merged.length - 1];
    if (last && last.price === s.price) last.expectedUnits += s.expectedUnits;
    else merged.push({ ...s });
  }
  return { steps: merged, expectedLeftover: Math.max(left, 0), expectedRevenue: revenue };
}
