/** The API views of stored records: what routes, exports and caches hand out (ISO times, no log positions). */
import { toIso, type Customer, type EventView, type Item, type StoredEvent } from '../domain/index.js';
import type { CustomerRecord } from '../store/repositories/customer-repository.js';
import type { ItemRecord } from '../store/repositories/item-repository.js';

/** The API view of an item record. */
export function itemView(r: ItemRecord): Item {
  return { ...r, createdAt: toIso(r.createdAt), updatedAt: toIso(r.updatedAt) };
}

/** The API view of a customer record. */
export function customerView(r: CustomerRecord): Customer {
  return { ...r, createdAt: toIso(r.createdAt), updatedAt: toIso(r.updatedAt) };
}

/** The API view of a stored event. */
export function eventView(e: StoredEvent): EventView {
  const { seq: _seq, ...rest } = e;
  return { ...rest, timestamp: toIso(e.timestamp), receivedAt: toIso(e.receivedAt) };
}
