/**
 * Segment's HTTP tracking API messages (track, identify, page, screen, alias, group; also what RudderStack
 * sends) turned into Daogou events, customers and identity merges. Pure: the route validates nothing more
 * than the envelope and stores what this returns in one transaction.
 */
import { ITEM_EVENT_TYPES, type CustomerInput, type EventInput, type StandardEventType } from '../../domain/index.js';
import { ORDER_TYPES, customTypeForName, eventTypeForName } from '../ecommerce-events.js';

/** One message of Segment's tracking API (the fields Daogou reads). */
export interface SegmentMessage {
  type?: string;
  event?: string;
  name?: string;
  userId?: string | number | null;
  anonymousId?: string | number | null;
  previousId?: string | number | null;
  messageId?: string;
  timestamp?: string;
  originalTimestamp?: string;
  sentAt?: string;
  properties?: Record<string, unknown>;
  traits?: Record<string, unknown>;
  context?: Record<string, unknown>;
}

/** What a batch of messages becomes. */
export interface SegmentTranslation {
  events: EventInput[];
  customers: CustomerInput[];
  merges: { anonymousId: string; customerId: string }[];
  /** Messages that carry nothing Daogou keeps (group, alias without ids…), by position, with the reason. */
  skipped: { index: number; reason: string }[];
}

const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined;
const num = (v: unknown): number | undefined => {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : undefined;
};
const currency = (v: unknown): string | undefined => {
  const c = str(v)?.toUpperCase();
  return c !== undefined && /^[A-Z]{3}$/.test(c) ? c : undefined;
};

/** The product id a spec's product properties carry (Segment: product_id or sku; GA4: item_id). */
function productId(p: Record<string, unknown>): string | undefined {
  return str(p.product_id) ?? str(p.item_id) ?? str(p.sku) ?? str(p.id);
}

/** Products of an order (Segment `products`, GA4 `items`). */
function products(p: Record<string, unknown>): Record<string, unknown>[] {
  const list = Array.isArray(p.products) ? p.products : Array.isArray(p.items) ? p.items : [];
  return list.filter((x): x is Record<string, unknown> => x !== null && typeof x === 'object');
}

/** The channel a message came from, from its library or device context. */
function channelOf(context: Record<string, unknown> | undefined): EventInput['channel'] {
  const library = str((context?.library as Record<string, unknown> | undefined)?.name)?.toLowerCase() ?? '';
  if (context?.app !== undefined || /ios|android|react-native|flutter|swift|kotlin/.test(library)) return 'app';
  if (context?.page !== undefined || /analytics\.js|analytics-next|rudder.*js/.test(library)) return 'web';
  return 'other';
}

/** Translates messages; those without a timestamp are stamped by the event service on arrival. */
export function translateSegmentMessages(messages: readonly SegmentMessage[]): SegmentTranslation {
  const out: SegmentTranslation = { events: [], customers: [], merges: [], skipped: [] };
  messages.forEach((m, index) => {
    const customerId = str(m.userId);
    const anonymousId = str(m.anonymousId);
    const timestamp = str(m.timestamp) ?? str(m.originalTimestamp) ?? str(m.sentAt);
    const base: Partial<EventInput> = {
      ...(customerId !== undefined ? { customerId } : {}),
      ...(anonymousId !== undefined ? { anonymousId } : {}),
      ...(timestamp !== undefined ? { timestamp } : {}),
      channel: channelOf(m.context),
    };
    const type = (m.type ?? '').toLowerCase();
    if (customerId === undefined && anonymousId === undefined && type !== 'alias') {
      out.skipped.push({ index, reason: 'neither userId nor anonymousId' });
      return;
    }
    if (type === 'identify') {
      if (customerId === undefined) {
        out.skipped.push({ index, reason: 'identify without userId' });
        return;
      }
      out.customers.push({ id: customerId, traits: { ...(m.traits ?? {}) } });
      if (anonymousId !== undefined) out.merges.push({ anonymousId, customerId });
      return;
    }
    if (type === 'alias') {
      const previous = str(m.previousId);
      if (customerId === undefined || previous === undefined) {
        out.skipped.push({ index, reason: 'alias needs userId and previousId' });
        return;
      }
      out.merges.push({ anonymousId: previous, customerId });
      return;
    }
    if (type === 'page' || type === 'screen') {
      const props = m.properties ?? {};
      const item = productId(props);
      out.events.push({
        ...base,
        ...(m.messageId ? { id: m.messageId } : {}),
        type: item !== undefined ? 'view' : `custom:${type}`,
        ...(item !== undefined ? { itemId: item } : {}),
        properties: { ...(str(m.name) ? { name: m.name } : {}), ...props },
      });
      return;
    }
    if (type !== 'track') {
      out.skipped.push({ index, reason: `message type "${m.type ?? ''}" carries no behaviour Daogou keeps` });
      return;
    }
    const name = str(m.event);
    if (name === undefined) {
      out.skipped.push({ index, reason: 'track without an event name' });
      return;
    }
    const events = trackEvents(m, name, base);
    const named = events.filter((e) => !ITEM_EVENT_TYPES.has(e.type) || e.itemId !== undefined);
    if (named.length === 0)
      out.skipped.push({ index, reason: `"${name}" names no product (product_id, sku or item_id)` });
    out.events.push(...named);
  });
  return out;
}

function trackEvents(m: SegmentMessage, name: string, base: Partial<EventInput>): EventInput[] {
  const props = m.properties ?? {};
  const type: StandardEventType | undefined = eventTypeForName(name);
  const id = m.messageId;
  if (type === undefined) {
    return [{ ...base, ...(id ? { id } : {}), type: customTypeForName(name), properties: props }];
  }
  const orderId = str(props.order_id) ?? str(props.transaction_id) ?? str(props.checkout_id);
  const money = currency(props.currency);
  // Orders list their products; GA4 also puts the product of view_item, add_to_cart… in `items`.
  const lines = products(props);
  if (lines.length > 0 && (ORDER_TYPES.has(type) || productId(props) === undefined)) {
    return lines.flatMap((p, line) => {
      const itemId = productId(p);
      if (itemId === undefined) return [];
      const price = num(p.price);
      const given = num(p.quantity);
      // An ordered line is at least one; a viewed product has no quantity unless the message gives one.
      const quantity = given !== undefined ? Math.max(1, Math.round(given)) : ORDER_TYPES.has(type) ? 1 : undefined;
      return [
        {
          ...base,
          ...(id ? { id: `${id}:${line}` } : {}),
          type,
          itemId,
          ...(quantity !== undefined ? { quantity } : {}),
          ...(price !== undefined ? { price } : {}),
          ...(money !== undefined ? { currency: money } : {}),
          ...(orderId !== undefined ? { orderId } : {}),
        },
      ];
    });
  }
  const itemId = productId(props);
  const price = num(props.price);
  const quantity = num(props.quantity);
  const query = str(props.query) ?? str(props.search_term);
  const rating = num(props.rating);
  const review = str(props.review_body) ?? str(props.review);
  return [
    {
      ...base,
      ...(id ? { id } : {}),
      type,
      ...(itemId !== undefined ? { itemId } : {}),
      ...(price !== undefined ? { price } : {}),
      ...(quantity !== undefined ? { quantity: Math.round(quantity) } : {}),
      ...(money !== undefined ? { currency: money } : {}),
      ...(orderId !== undefined ? { orderId } : {}),
      ...(query !== undefined && type === 'search' ? { query: query.slice(0, 1000) } : {}),
      ...(rating !== undefined && rating <= 5 ? { rating } : {}),
      ...(review !== undefined && type === 'review' ? { review: review.slice(0, 20000) } : {}),
    },
  ];
}
