/** Shopify collection pages and webhook payloads as intake batches. */
import type { IntakeBatch } from '../service/ecommerce-intake.js';
import { shopifyCheckoutEvents, shopifyCustomer, shopifyItem, shopifyOrderEvents } from './shopify-records.js';

type Rec = Record<string, unknown>;

/** A page of one Admin API collection. */
export function shopifyBatch(collection: 'products' | 'customers' | 'orders' | 'checkouts', page: Rec[]): IntakeBatch {
  switch (collection) {
    case 'products':
      return { items: page.map(shopifyItem) };
    case 'customers':
      return { customers: page.map(shopifyCustomer) };
    case 'orders':
      return orderBatch(page);
    case 'checkouts':
      return { events: page.flatMap(shopifyCheckoutEvents), customers: embeddedCustomers(page) };
  }
}

/** One webhook delivery, by its X-Shopify-Topic. */
export function shopifyWebhookBatch(topic: string, payload: Rec): IntakeBatch {
  if (topic.startsWith('products/')) return { items: [shopifyItem(payload)] };
  if (topic.startsWith('customers/')) return { customers: [shopifyCustomer(payload)] };
  if (topic.startsWith('orders/')) return orderBatch([payload]);
  if (topic.startsWith('checkouts/'))
    return { events: shopifyCheckoutEvents(payload), customers: embeddedCustomers([payload]) };
  return {};
}

function orderBatch(orders: Rec[]): IntakeBatch {
  return { events: orders.flatMap(shopifyOrderEvents), customers: embeddedCustomers(orders) };
}

/** Orders and checkouts embed their customer: keep them, so an order never names an unknown customer. */
function embeddedCustomers(records: Rec[]) {
  return records
    .map((r) => r.customer)
    .filter((c): c is Rec => !!c && typeof c === 'object' && (c as Rec).id !== undefined && (c as Rec).id !== null)
    .map(shopifyCustomer);
}
