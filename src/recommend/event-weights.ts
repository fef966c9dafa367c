/** Event types, their compact codes and how much each says about interest in an item. */

/** Known event types; anything else is stored as `interaction`. */
export const EVENT_TYPES = [
  'interaction',
  'view',
  'click',
  'wishlist',
  'add_to_cart',
  'remove_from_cart',
  'purchase',
  'rating',
] as const;

/** One of {@link EVENT_TYPES}. */
export type EventType = (typeof EVENT_TYPES)[number];

/** Weight per event type; `rating` is the weight of a 5-star rating (see {@link eventWeight}). */
export type EventWeights = Record<EventType, number>;

/** Defaults: stronger intent weighs more; removing from the cart is weak negative evidence. */
export const DEFAULT_EVENT_WEIGHTS: EventWeights = {
  interaction: 1,
  view: 1,
  click: 2,
  wishlist: 3,
  add_to_cart: 4,
  remove_from_cart: -2,
  purchase: 6,
  rating: 5,
};

const CODES = new Map<string, number>(EVENT_TYPES.map((t, i) => [t, i]));

/** The code of an event type name (unknown names map to `interaction`, code 0). */
export function eventCode(type: string | undefined): number {
  if (type === undefined || type === '') return 0;
  return CODES.get(type.trim().toLowerCase()) ?? 0;
}

/**
 * The weight of one event. A rating scales by value/5 rather than being centred, so even a
 * low rating counts as (weak) positive evidence: the user chose to consume the item, and
 * the MovieLens-style protocols count every rated item as relevant.
 */
export function eventWeight(code: number, value: number, weights: EventWeights = DEFAULT_EVENT_WEIGHTS): number {
  const type = EVENT_TYPES[code] ?? 'interaction';
  const w = weights[type];
  if (type === 'rating') return Number.isFinite(value) ? (w * Math.max(0, Math.min(5, value))) / 5 : w;
  if (type === 'purchase' && Number.isFinite(value) && value > 1) return w * (1 + Math.log(value)); // quantity
  return w;
}
