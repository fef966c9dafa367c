/**
 * From the stored event log to the analytics inputs: purchase lines grouped into orders, behaviour events
 * enriched with the item's category, brand and price from a per-run item cache.
 */
import type { LogEntry } from '../../store/repositories/event-repository.js';
import type { Store } from '../../store/store.js';
import type { BehaviourKind, CustomerEvent, LineItem, Transaction } from '../types.js';

/** What affinities need to know about an item. */
export interface ItemFacts {
  category?: string;
  brand?: string;
  price?: number;
}

/** Event types that become behaviour; everything else except purchases (refunds, segment events, …) is not folded. */
const BEHAVIOUR_TYPES: ReadonlySet<string> = new Set<BehaviourKind>([
  'view',
  'click',
  'add_to_cart',
  'wishlist',
  'search',
]);

/** Every event type profiles and models read. */
export const PROFILE_EVENT_TYPES: readonly string[] = ['purchase', ...BEHAVIOUR_TYPES];

/** Item facts looked up in the catalogue once per run (the catalogue is small next to the log). */
export class ItemFactsCache {
  private readonly facts = new Map<string, ItemFacts | null>();

  constructor(private readonly store: Store) {}

  /** Loads the whole catalogue (for batch runs that touch most items). */
  async preloadAll(): Promise<void> {
    for await (const item of this.store.items.all()) this.facts.set(item.id, factsOf(item));
  }

  /** Loads the items of these events that are not cached yet. */
  async ensure(events: readonly LogEntry[]): Promise<void> {
    const missing = new Set<string>();
    for (const e of events) if (e.itemId !== null && !this.facts.has(e.itemId)) missing.add(e.itemId);
    if (missing.size === 0) return;
    const found = await this.store.items.getMany([...missing]);
    for (const id of missing) {
      const item = found.get(id);
      this.facts.set(id, item ? factsOf(item) : null);
    }
  }

  /** Facts of one item (empty when unknown). */
  get(itemId: string | null): ItemFacts {
    return (itemId === null ? null : this.facts.get(itemId)) ?? {};
  }
}

function factsOf(item: { category: string | null; brand: string | null; price: number | null }): ItemFacts {
  return {
    ...(item.category ? { category: item.category } : {}),
    ...(item.brand ? { brand: item.brand } : {}),
    ...(item.price !== null ? { price: item.price } : {}),
  };
}

/** Whether an event feeds profiles at all. */
export function isProfileEvent(e: LogEntry): boolean {
  return e.customerId !== null && (e.type === 'purchase' || BEHAVIOUR_TYPES.has(e.type));
}

/** The order key of a purchase line: its order id, or the event id for a line sent without one. */
export function orderKey(e: LogEntry): string {
  return e.orderId ?? `event:${e.id}`;
}

/** A purchase with the order it belongs to. */
export type KeyedTransaction = { kind: 'purchase'; orderKey: string } & Transaction;

/**
 * Maps events to analytics inputs. Purchase lines of one order (same customer and order id) become one
 * transaction at the time of its earliest line; revenue is the line revenue, else price × quantity. The
 * mapper remembers orders across calls, so an order split over two pages of the log is still one order.
 */
export class CustomerEventMapper {
  private readonly orders = new Map<string, KeyedTransaction>();

  constructor(private readonly items: ItemFactsCache) {}

  /** The analytics inputs of a page of events; a line of an order seen earlier is added to it (not returned). */
  map(events: readonly LogEntry[]): CustomerEvent[] {
    const out: CustomerEvent[] = [];
    for (const e of events) {
      if (!isProfileEvent(e)) continue;
      const customerId = e.customerId!;
      const facts = this.items.get(e.itemId);
      if (e.type === 'purchase') {
        const t = this.addLine(e, customerId, facts);
        if (t) out.push(t);
        continue;
      }
      out.push({
        kind: e.type as BehaviourKind,
        customerId,
        time: e.timestamp,
        channel: e.channel,
        ...(e.itemId !== null ? { itemId: e.itemId } : {}),
        ...facts,
        ...(e.price !== null ? { price: e.price } : {}),
      });
    }
    return out;
  }

  private addLine(e: LogEntry, customerId: string, facts: ItemFacts): KeyedTransaction | undefined {
    const key = orderKey(e);
    const quantity = e.quantity ?? 1;
    const price = e.price ?? facts.price ?? 0;
    const line: LineItem = {
      itemId: e.itemId ?? '',
      price,
      quantity,
      ...(facts.category ? { category: facts.category } : {}),
      ...(facts.brand ? { brand: facts.brand } : {}),
    };
    const amount = e.revenue ?? price * quantity;
    const mapKey = `${customerId}\u0000${key}`;
    const order = this.orders.get(mapKey);
    if (order) {
      order.amount += amount;
      order.items!.push(line);
      if (e.timestamp < order.time) order.time = e.timestamp;
      return undefined;
    }
    const t: KeyedTransaction = {
      kind: 'purchase',
      orderKey: key,
      customerId,
      time: e.timestamp,
      amount,
      items: [line],
      channel: e.channel,
    };
    this.orders.set(mapKey, t);
    return t;
  }
}
