/**
 * Suggested prices under guard rails. Demand follows the estimated constant-elasticity curve through the
 * current price and expected units; the objective (profit or revenue) is searched over every allowed price
 * (the bounds, the largest allowed change, the minimum margin) rounded to the store's price ending, so the
 * suggestion is always one the store could actually print. Every suggestion carries its explanation.
 */

/** What to maximise. */
export type PriceObjective = 'profit' | 'revenue';

/** How prices end: .99, .95, .90, whole units, or any cent. */
export type PriceEnding = '0.99' | '0.95' | '0.90' | 'whole' | 'none';

/** Guard rails on a suggestion. */
export interface PriceGuardRails {
  /** Least margin over unit cost as a share of the price (0.2 = 20%); needs a cost. */
  minMargin?: number;
  /** Largest change from the current price as a share (0.15 = ±15%). */
  maxChange?: number;
  minPrice?: number;
  maxPrice?: number;
  ending?: PriceEnding;
}

/** The inputs for one item. */
export interface PriceInput {
  itemId: string;
  currentPrice: number;
  /** Unit cost; without one, profit is revenue and margins are not checked. */
  unitCost?: number;
  /** Expected units per period at the current price (from the forecast). */
  expectedUnits: number;
  elasticity: { value: number; low: number; high: number };
}

/** Expected outcome at one price. */
export interface PriceOutcome {
  price: number;
  units: number;
  revenue: number;
  profit: number;
}

/** A suggestion and why. */
export interface PriceSuggestion {
  itemId: string;
  objective: PriceObjective;
  current: PriceOutcome;
  suggested: PriceOutcome;
  /** Relative change of the price. */
  change: number;
  elasticity: { value: number; low: number; high: number };
  /** Which guard rail stopped the price going further, if any. */
  limitedBy: 'max-change' | 'min-margin' | 'min-price' | 'max-price' | null;
  explanation: string;
}

/** Units at `price` on the constant-elasticity curve through (p0, q0). */
export function unitsAt(price: number, p0: number, q0: number, elasticity: number): number {
  return q0 * Math.pow(price / p0, elasticity);
}

/** `price` rounded down to the ending (never below a cent). */
export function applyEnding(price: number, ending: PriceEnding): number {
  if (ending === 'none') return Math.max(0.01, Math.round(price * 100) / 100);
  if (ending === 'whole') return Math.max(1, Math.round(price));
  const cents = Number(ending);
  const whole = Math.floor(price);
  const candidates = [whole - 1 + cents, whole + cents].filter((v) => v > 0);
  // The nearest price with that ending.
  let best = candidates[0] ?? cents;
  for (const c of candidates) if (Math.abs(c - price) < Math.abs(best - price)) best = c;
  return Math.round(best * 100) / 100;
}

/** Outcome at a price. */
export function outcomeAt(input: PriceInput, price: number, elasticity = input.elasticity.value): PriceOutcome {
  const units = unitsAt(price, input.currentPrice, input.expectedUnits, elasticity);
  return { price, units, revenue: price * units, profit: (price - (input.unitCost ?? 0)) * units };
}

/** The best allowed price for one item. */
export function suggestPrice(
  input: PriceInput,
  rails: PriceGuardRails = {},
  objective: PriceObjective = 'profit',
): PriceSuggestion {
  const p0 = input.currentPrice;
  const maxChange = rails.maxChange ?? 0.2;
  let low = p0 * (1 - maxChange);
  let high = p0 * (1 + maxChange);
  const bounds: { low: PriceSuggestion['limitedBy']; high: PriceSuggestion['limitedBy'] } = {
    low: 'max-change',
    high: 'max-change',
  };
  if (rails.minPrice !== undefined && rails.minPrice > low) [low, bounds.low] = [rails.minPrice, 'min-price'];
  if (rails.maxPrice !== undefined && rails.maxPrice < high) [high, bounds.high] = [rails.maxPrice, 'max-price'];
  if (input.unitCost !== undefined && rails.minMargin !== undefined) {
    const floor = input.unitCost / (1 - rails.minMargin);
    if (floor > low) [low, bounds.low] = [floor, 'min-margin'];
  }
  const ending = rails.ending ?? 'none';
  const value = (o: PriceOutcome) => (objective === 'profit' ? o.profit : o.revenue);
  const current = outcomeAt(input, p0);
  let best = current;
  // The current price stays a candidate only when it keeps to the rails (a margin rule may forbid it).
  let bestValue = p0 >= low - 1e-9 && p0 <= high + 1e-9 ? value(current) : -Infinity;
  const steps = 400;
  for (let i = 0; i <= steps; i++) {
    const raw = low + ((high - low) * i) / steps;
    const price = applyEnding(raw, ending);
    if (price < low - 1e-9 || price > high + 1e-9) continue;
    const o = outcomeAt(input, price);
    if (value(o) > bestValue + 1e-12) [best, bestValue] = [o, value(o)];
  }
  if (bestValue === -Infinity) {
    const price = applyEnding(low, ending);
    best = outcomeAt(input, price < low ? low : price);
  }
  // A rail binds when the best price without rails lies beyond it.
  const free = bestUnconstrained(input, objective);
  const limitedBy = free < low - 1e-9 ? bounds.low : free > high + 1e-9 ? bounds.high : null;
  return {
    itemId: input.itemId,
    objective,
    current,
    suggested: best,
    change: best.price / p0 - 1,
    elasticity: input.elasticity,
    limitedBy,
    explanation: explain(input, current, best, objective, limitedBy),
  };
}

/** The best price over a wide range (a fifth to five times the current price), ignoring every rail. */
function bestUnconstrained(input: PriceInput, objective: PriceObjective): number {
  let best = input.currentPrice;
  let bestValue = -Infinity;
  for (let i = 0; i <= 800; i++) {
    const price = input.currentPrice * Math.exp(Math.log(0.2) + (Math.log(25) * i) / 800);
    const o = outcomeAt(input, price);
    const v = objective === 'profit' ? o.profit : o.revenue;
    if (v > bestValue) [best, bestValue] = [price, v];
  }
  return best;
}

function explain(
  input: PriceInput,
  current: PriceOutcome,
  best: PriceOutcome,
  objective: PriceObjective,
  limitedBy: PriceSuggestion['limitedBy'],
): string {
  const e = input.elasticity;
  const f = (v: number) => v.toFixed(2);
  const head = `Elasticity ${f(e.value)} (95% interval ${f(e.low)} to ${f(e.high)}): a 1% price rise changes units by about ${f(e.value)}%.`;
  if (best.price === current.price)
    return `${head} Keeping ${f(current.price)} already maximises expected ${objective}.`;
  const move = best.price > current.price ? 'Raising' : 'Lowering';
  const limit = limitedBy ? ` (held back by the ${limitedBy.replace('-', ' ')} rule)` : '';
  return (
    `${head} ${move} the price from ${f(current.price)} to ${f(best.price)}${limit} changes expected units ` +
    `from ${f(current.units)} to ${f(best.units)} per period, revenue from ${f(current.revenue)} to ${f(best.revenue)} ` +
    `and profit from ${f(current.profit)} to ${f(best.profit)}.`
  );
}
