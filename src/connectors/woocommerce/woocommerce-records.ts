/**
 * WooCommerce REST API v3 records (and its webhook payloads, which have the same shape) as Daogou items,
 * customers and events. Ids are WooCommerce's numeric ids as strings; event ids are derived from the
 * order and line so that an order seen twice (import, then webhook) is stored once.
 */
import type { CustomerInput, EventInput, ItemInput } from '../../domain/index.js';
import { htmlToText } from '../html-text.js';

type Rec = Record<string, unknown>;
const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : undefined;
const num = (v: unknown): number | undefined => {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : undefined;
};
const list = (v: unknown): Rec[] => (Array.isArray(v) ? v.filter((x): x is Rec => !!x && typeof x === 'object') : []);
/** WooCommerce's `_gmt` times carry no zone: they are UTC. */
const gmt = (v: unknown): string | undefined => {
  const s = str(v);
  return s === undefined ? undefined : /[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s}Z`;
};

/** Order statuses that are sales (pending, on-hold, failed, cancelled and draft orders are not). */
const SOLD = new Set(['processing', 'completed']);

/** A product: categories as a path of their names, attributes with their options, published ones active. */
export function wooItem(product: Rec): ItemInput {
  const categories = list(product.categories)
    .map((c) => str(c.name))
    .filter((c): c is string => c !== undefined);
  const tags = list(product.tags)
    .map((t) => str(t.name)?.slice(0, 100))
    .filter((t): t is string => t !== undefined)
    .slice(0, 100);
  const images = list(product.images)
    .map((i) => str(i.src))
    .filter((s): s is string => s !== undefined && /^https?:\/\//i.test(s))
    .slice(0, 50);
  const attributes = Object.fromEntries(
    list(product.attributes)
      .map((a) => [str(a.name), Array.isArray(a.options) ? a.options.map(String) : []] as const)
      .filter((e): e is readonly [string, string[]] => e[0] !== undefined && e[1].length > 0),
  );
  const price = num(product.price) ?? num(product.regular_price);
  const stock = num(product.stock_quantity);
  const description = htmlToText(str(product.description) ?? str(product.short_description) ?? '').slice(0, 20000);
  return {
    id: String(product.id),
    title: (str(product.name) ?? String(product.id)).slice(0, 1000),
    ...(description ? { description } : {}),
    ...(categories.length > 0 ? { category: categories.join('/').slice(0, 500) } : {}),
    ...(price !== undefined ? { price } : {}),
    ...(stock !== undefined ? { stock: Math.round(stock) } : product.stock_status === 'outofstock' ? { stock: 0 } : {}),
    ...(images.length > 0 ? { images } : {}),
    ...(tags.length > 0 ? { tags } : {}),
    ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
    active: (str(product.status) ?? 'publish') === 'publish',
    ...(gmt(product.date_created_gmt) ? { createdAt: gmt(product.date_created_gmt)! } : {}),
  };
}

/** A customer with contact traits from the account and its billing address. */
export function wooCustomer(customer: Rec): CustomerInput {
  const billing = (customer.billing ?? {}) as Rec;
  const traits: Rec = { source: 'woocommerce' };
  for (const [key, value] of [
    ['email', str(customer.email) ?? str(billing.email)],
    ['firstName', str(customer.first_name)],
    ['lastName', str(customer.last_name)],
    ['phone', str(billing.phone)],
    ['country', str(billing.country)],
    ['city', str(billing.city)],
  ] as const) {
    if (value !== undefined) traits[key] = value;
  }
  return {
    id: String(customer.id),
    traits,
    ...(gmt(customer.date_created_gmt) ? { createdAt: gmt(customer.date_created_gmt)! } : {}),
  };
}

/** A paid order as one purchase per line, and its refunds as refunds; guests as an anonymous buyer. */
export function wooOrderEvents(order: Rec): EventInput[] {
  if (!SOLD.has(str(order.status) ?? '')) return [];
  const orderId = String(order.id);
  const customer = num(order.customer_id);
  const who =
    customer !== undefined && customer > 0
      ? { customerId: String(customer) }
      : { anonymousId: `woocommerce-order-${orderId}` };
  const currencyCode = str(order.currency)?.toUpperCase();
  const currency = currencyCode && /^[A-Z]{3}$/.test(currencyCode) ? currencyCode : undefined;
  const channel = str(order.created_via) === 'pos' ? ('store' as const) : ('web' as const);
  const timestamp = gmt(order.date_paid_gmt) ?? gmt(order.date_created_gmt);
  return list(order.line_items).flatMap((line): EventInput[] => {
    const itemId = str(line.product_id);
    if (itemId === undefined || itemId === '0') return [];
    const quantity = Math.max(1, Math.round(num(line.quantity) ?? 1));
    const price = num(line.price) ?? (num(line.total) !== undefined ? num(line.total)! / quantity : undefined);
    return [
      {
        id: `woocommerce:order:${orderId}:${String(line.id)}`,
        type: 'purchase',
        ...who,
        itemId,
        quantity,
        ...(price !== undefined ? { price } : {}),
        ...(currency ? { currency } : {}),
        orderId,
        channel,
        ...(timestamp ? { timestamp } : {}),
      },
    ];
  });
}
