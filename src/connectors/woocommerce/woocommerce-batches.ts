/** WooCommerce collection pages and webhook payloads as intake batches. */
import type { IntakeBatch } from '../service/ecommerce-intake.js';
import { wooCustomer, wooItem, wooOrderEvents } from './woocommerce-records.js';

type Rec = Record<string, unknown>;

/** A page of one REST collection. */
export function wooBatch(collection: 'products' | 'customers' | 'orders', page: Rec[]): IntakeBatch {
  if (collection === 'products') return { items: page.map(wooItem) };
  if (collection === 'customers') return { customers: page.map(wooCustomer) };
  return { events: page.flatMap(wooOrderEvents) };
}

/** One webhook delivery, by its X-WC-Webhook-Topic (resource.event). */
export function wooWebhookBatch(topic: string, payload: Rec): IntakeBatch {
  if (topic.startsWith('product.')) return { items: [wooItem(payload)] };
  if (topic.startsWith('customer.')) return { customers: [wooCustomer(payload)] };
  if (topic.startsWith('order.')) return { events: wooOrderEvents(payload) };
  return {};
}
