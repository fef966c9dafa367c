/**
 * A price suggestion run as an experiment instead of applied: control keeps the current price, treatment shows
 * the suggested one, and the read-out compares the item's revenue (and profit, when its cost is known) per
 * exposed customer. Pricing knows nothing of how experiments work: the engine hands it a port to create one.
 */
import type { StoredPriceSuggestion } from '../../store/repositories/price-suggestion-repository.js';

/** A metric of a price experiment: the item's revenue, or its revenue less the unit cost per unit. */
export interface PriceExperimentMetric {
  name: string;
  type: 'item_profit' | 'item_revenue';
  itemId: string;
  unitCost?: number;
}

/** What pricing asks the experiments capability to create. */
export interface PriceExperimentInput {
  name: string;
  description: string;
  surface: 'price';
  variants: { name: string; weight: number; config: Record<string, unknown> }[];
  metrics: PriceExperimentMetric[];
  traffic?: number;
}

/** How pricing starts (and, when the decision is lost to another, removes) an experiment. */
export interface PriceExperimentPort {
  create(input: PriceExperimentInput): Promise<{ id: string; name: string }>;
  delete(id: string): Promise<void>;
}

/** Options of running a suggestion as an experiment. */
export interface PriceExperimentOptions {
  /** Share of customers in the experiment (default 1); the rest see the current price. */
  traffic?: number;
}

/** The experiment that tests `suggestion` against the current price. */
export function priceExperimentInput(
  suggestion: StoredPriceSuggestion,
  unitCost: number | undefined,
  options: PriceExperimentOptions = {},
): PriceExperimentInput {
  const { itemId, currentPrice, suggestedPrice } = suggestion;
  const revenue: PriceExperimentMetric = { name: 'item revenue', type: 'item_revenue', itemId };
  return {
    name: `price ${itemId} ${suggestion.id.slice(0, 8)}`,
    description: `Price of ${itemId}: ${currentPrice} (control) against ${suggestedPrice} (suggested)`,
    surface: 'price',
    variants: [
      { name: 'control', weight: 1, config: { itemId, price: currentPrice } },
      { name: 'treatment', weight: 1, config: { itemId, price: suggestedPrice } },
    ],
    // Profit first when the cost is known: it is what the suggestion maximised.
    metrics:
      unitCost !== undefined ? [{ name: 'item profit', type: 'item_profit', itemId, unitCost }, revenue] : [revenue],
    ...(options.traffic !== undefined ? { traffic: options.traffic } : {}),
  };
}
