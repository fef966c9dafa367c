/**
 * Which running experiment sets an item's price, and what a variant shows: the pure half of serving price
 * experiments (a suggestion run as an experiment has variants whose configs are `{ itemId, price }`).
 */
import type { PriceExperimentTag } from '../domain/index.js';

/** The price a variant of a running price experiment shows for an item, and who set it. */
export interface ShownPrice {
  price: number;
  experimentId: string;
  experiment: string;
  variant: string;
}

/** One item's price experiment: the experiment and each variant's price. */
export interface PriceArm {
  experimentId: string;
  experiment: string;
  prices: ReadonlyMap<string, number>;
}

/** The fields of an experiment the price map reads. */
export interface PriceExperimentLike {
  id: string;
  name: string;
  startedAt: number | null;
  variants: readonly { name: string; config: Record<string, unknown> }[];
}

/**
 * Item id → the experiment that sets its price. A variant sets a price when its config names an `itemId` and a
 * finite, non-negative `price`. When two running experiments price one item, the one started first keeps it
 * (the later one is never shown, so it gets no exposures for that item): two prices for one customer and item
 * would test neither.
 */
export function priceArms(experiments: readonly PriceExperimentLike[]): Map<string, PriceArm> {
  const byStart = [...experiments].sort(
    (a, b) => (a.startedAt ?? Infinity) - (b.startedAt ?? Infinity) || a.id.localeCompare(b.id),
  );
  const out = new Map<string, PriceArm>();
  for (const e of byStart) {
    const perItem = new Map<string, Map<string, number>>();
    for (const v of e.variants) {
      const { itemId, price } = v.config;
      if (typeof itemId !== 'string' || typeof price !== 'number' || !Number.isFinite(price) || price < 0) continue;
      let prices = perItem.get(itemId);
      if (!prices) perItem.set(itemId, (prices = new Map<string, number>()));
      prices.set(v.name, price);
    }
    for (const [itemId, prices] of perItem)
      if (!out.has(itemId)) out.set(itemId, { experimentId: e.id, experiment: e.name, prices });
  }
  return out;
}

/**
 * The item as one customer sees it: the price their variant shows, and a `priceExperiment` naming the experiment,
 * the variant and the catalogue price. Unchanged when no experiment prices the item for them.
 */
export function withShownPrice<T extends { price: number | null }>(
  item: T,
  shown: ShownPrice | undefined,
): T & { priceExperiment?: PriceExperimentTag } {
  if (!shown) return item;
  return {
    ...item,
    price: shown.price,
    priceExperiment: {
      id: shown.experimentId,
      name: shown.experiment,
      variant: shown.variant,
      regularPrice: item.price,
    },
  };
}
