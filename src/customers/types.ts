/** Input records for customer analytics: purchases and other behaviour events, as plain JSON-able objects. */

/** One line of an order. */
export interface LineItem {
  itemId: string;
  category?: string;
  brand?: string;
  /** Unit price. */
  price: number;
  quantity: number;
}

/** A purchase (one order). `time` is epoch milliseconds. */
export interface Transaction {
  customerId: string;
  time: number;
  amount: number;
  items?: LineItem[];
  channel?: string;
}

/** Kinds of non-purchase behaviour a profile learns from. */
export type BehaviourKind = 'view' | 'click' | 'add_to_cart' | 'wishlist' | 'search';

/** A non-purchase behaviour event. */
export interface BehaviourEvent {
  customerId: string;
  time: number;
  kind: BehaviourKind;
  itemId?: string;
  category?: string;
  brand?: string;
  price?: number;
  channel?: string;
}

/** Anything a profile folds in: a purchase or a behaviour event. */
export type CustomerEvent = ({ kind: 'purchase' } & Transaction) | BehaviourEvent;

/** Milliseconds in a day; analytics count time in UTC days (defined once, in the domain). */
export { DAY_MS } from '../domain/common.js';
