/**
 * Shopify Admin API records (REST resources and webhook payloads share their shape) as Daogou items,
 * customers and events. Ids are Shopify's numeric ids as strings; event ids are derived from the order,
 * line, refund or checkout so that a record seen twice (import, then webhook) is stored once.
 */
import type { CustomerInput, EventInput, ItemInput } from '../../domain/index.js';
import { htmlToText } from '../html-text.js';

type Rec = Record<string, unknown>;
const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : undefined;
const num = (v: unknown): number | undefined => {
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : undefined;
};
const list = (v: unknown): Rec[] => (Array.isArray(v) ? v.filter((x): x is Rec => !!x && typeof x === 'object') : []);
const code = (v: unknown): string | undefined => {
  const c = str(v)?.toUpperCase();
  return c && /^[A-Z]{3}$/.test(c) ? c : undefined;
};

/** A product: price of its cheapest variant, stock summed over variants, images, type as category. */
export function shopifyItem(product: Rec): ItemInput {
  const variants = list(product.variants);
  const prices = variants.map((v) => num(v.price)).filter((p): p is number => p !== undefined);
  const stocks = variants.map((v) => num(v.inventory_quantity));
  const tags = (str(product.tags) ?? '')
    .split(',')
    .map((t) => t.trim().slice(0, 100))
    .filter(Boolean)
    .slice(0, 100);
  const images = list(product.images)
    .map((i) => str(i.src))
    .filter((s): s is string => s !== undefined && /^https?:\/\//i.test(s))
    .slice(0, 50);
  const options = Object.fromEntries(
    list(product.options)
      .map((o) => [str(o.name), Array.isArray(o.values) ? o.values.map(String) : []] as const)
      .filter((e): e is readonly [string, string[]] => e[0] !== undefined && e[1].length > 0),
  );
  const description = htmlToText(str(product.body_html) ?? '').slice(0, 20000);
  return {
    id: String(product.id),
    title: (str(product.title) ?? String(product.id)).slice(0, 1000),
    ...(description ? { description } : {}),
    ...(str(product.product_type) ? { category: str(product.product_type)!.slice(0, 500) } : {}),
    ...(str(product.vendor) ? { brand: str(product.vendor)!.slice(0, 200) } : {}),
    ...(prices.length > 0 ? { price: Math.min(...prices) } : {}),
    ...(stocks.length > 0 && stocks.every((s) => s !== undefined) ? { stock: stocks.reduce((a, b) => a + b, 0) } : {}),
    ...(images.length > 0 ? { images } : {}),
    ...(tags.length > 0 ? { tags } : {}),
    ...(Object.keys(options).length > 0 ? { attributes: options } : {}),
    active: (str(product.status) ?? 'active') === 'active',
    ...(str(product.created_at) ? { createdAt: str(product.created_at)! } : {}),
  };
}

/** A customer: contact traits and marketing consent (subscribed only counts as consent). */
export function shopifyCustomer(customer: Rec): CustomerInput {
  const address = (customer.default_address ?? {}) as Rec;
  const traits: Rec = {};
  for (const [key, value] of [
    ['email', str(customer.email)],
    ['firstName', str(customer.first_name)],
    ['lastName', str(customer.last_name)],
    ['phone', str(customer.phone)],
    ['country', str(address.country_code)],
    ['city', str(address.city)],
    ['tags', str(customer.tags)],
  ] as const) {
    if (value !== undefined) traits[key] = value;
  }
  // Only what the record states: an order's embedded customer carries no consent and must not clear it.
  const consent: { email?: boolean; sms?: boolean } = {};
  const state = (value: unknown) => str((value as Rec | undefined)?.state);
  if (state(customer.email_marketing_consent) !== undefined)
    consent.email = state(customer.email_marketing_consent) === 'subscribed';
  if (state(customer.sms_marketing_consent) !== undefined)
    consent.sms = state(customer.sms_marketing_consent) === 'subscribed';
  return {
    id: String(customer.id),
    traits: { ...traits, source: 'shopify' },
    ...(Object.keys(consent).length > 0 ? { consent } : {}),
    ...(str(customer.created_at) ? { createdAt: str(customer.created_at)! } : {}),
  };
}

/** The channel an order came from: point of sale is the physical store, the mobile apps are the app. */
function orderChannel(source: string | undefined): EventInput['channel'] {
  if (source === 'pos') return 'store';
  if (source === 'web') return 'web';
  if (source === 'iphone' || source === 'android' || source === 'shopify_mobile') return 'app';
  return 'other';
}

/** Who an order or checkout is for: the customer, or the order itself as an anonymous buyer. */
function buyer(record: Rec, fallback: string): Pick<EventInput, 'customerId' | 'anonymousId'> {
  const customer = str((record.customer as Rec | undefined)?.id);
  return customer !== undefined ? { customerId: customer } : { anonymousId: fallback };
}

/** An order as one purchase per line (and one refund per refunded line); cancelled orders as nothing. */
export function shopifyOrderEvents(order: Rec): EventInput[] {
  if (str(order.cancelled_at) !== undefined) return [];
  const orderId = String(order.id);
  const who = buyer(order, `shopify-order-${orderId}`);
  const currency = code(order.currency);
  const channel = orderChannel(str(order.source_name));
  const events: EventInput[] = [];
  for (const line of list(order.line_items)) {
    const itemId = str(line.product_id);
    if (itemId === undefined) continue; // custom lines (tips, fees) name no product
    const price = num(line.price);
    events.push({
      id: `shopify:order:${orderId}:${String(line.id)}`,
      type: 'purchase',
      ...who,
      itemId,
      quantity: Math.max(1, Math.round(num(line.quantity) ?? 1)),
      ...(price !== undefined ? { price } : {}),
      ...(currency ? { currency } : {}),
      orderId,
      channel,
      ...(str(order.created_at) ? { timestamp: str(order.created_at)! } : {}),
    });
  }
  for (const refund of list(order.refunds)) {
    for (const line of list(refund.refund_line_items)) {
      const item = (line.line_item ?? {}) as Rec;
      const itemId = str(item.product_id);
      if (itemId === undefined) continue;
      const price = num(item.price);
      events.push({
        id: `shopify:refund:${String(refund.id)}:${String(line.id)}`,
        type: 'refund',
        ...who,
        itemId,
        quantity: Math.max(1, Math.round(num(line.quantity) ?? 1)),
        ...(price !== undefined ? { price } : {}),
        ...(currency ? { currency } : {}),
        orderId,
        channel,
        ...(str(refund.created_at) ? { timestamp: str(refund.created_at)! } : {}),
      });
    }
  }
  return events;
}

/** An open (abandoned) checkout as add-to-cart events, once per checkout and product; completed ones as nothing. */
export function shopifyCheckoutEvents(checkout: Rec): EventInput[] {
  if (str(checkout.completed_at) !== undefined) return [];
  const token = str(checkout.token) ?? str(checkout.id) ?? 'unknown';
  const who = buyer(checkout, `shopify-checkout-${token}`);
  const currency = code(checkout.currency) ?? code(checkout.presentment_currency);
  return list(checkout.line_items).flatMap((line): EventInput[] => {
    const itemId = str(line.product_id);
    if (itemId === undefined) return [];
    const price = num(line.price);
    return [
      {
        id: `shopify:checkout:${token}:${str(line.variant_id) ?? itemId}`,
        type: 'add_to_cart',
        ...who,
        itemId,
        quantity: Math.max(1, Math.round(num(line.quantity) ?? 1)),
        ...(price !== undefined ? { price } : {}),
        ...(currency ? { currency } : {}),
        channel: 'web',
        ...(str(checkout.created_at) ? { timestamp: str(checkout.created_at)! } : {}),
        properties: { checkout: token },
      },
    ];
  });
}
