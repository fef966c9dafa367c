/**
 * Transactions for the CLV tests and benchmarks, read through the public-dataset adapters in
 * src/datasets/adapters (the same parsing `daogou import --format …` uses): purchase lines grouped into
 * one transaction per order, refunds and lines without a customer, a time or a positive amount dropped.
 */
import type { AdapterOptions, AdapterPaths, DatasetAdapter } from '../../datasets/adapters/dataset-adapter.js';
import type { LineItem, Transaction } from '../types.js';

/** Reads an adapter's purchase events as transactions, in order of first appearance. */
export async function transactionsFromAdapter(
  adapter: DatasetAdapter,
  paths: AdapterPaths,
  options: AdapterOptions & { stripPrefix?: string } = {},
): Promise<Transaction[]> {
  const orders = new Map<string, Transaction & { items: LineItem[] }>();
  const strip = options.stripPrefix ?? '';
  for await (const r of adapter.read(paths, options)) {
    if (r.kind !== 'events') continue;
    const e = r.value as Record<string, unknown>;
    const { customerId, timestamp: time, quantity, price, revenue } = e;
    if (e.type !== 'purchase' || typeof customerId !== 'string' || typeof time !== 'number') continue;
    const q = typeof quantity === 'number' ? quantity : 1;
    const amount = typeof revenue === 'number' ? revenue : typeof price === 'number' ? q * price : Number.NaN;
    if (!(q > 0) || !(amount >= 0)) continue;
    const key = typeof e.orderId === 'string' ? e.orderId : String(e.id);
    let t = orders.get(key);
    if (!t) {
      const id = strip && customerId.startsWith(strip) ? customerId.slice(strip.length) : customerId;
      t = { customerId: id, time, amount: 0, items: [] };
      orders.set(key, t);
    }
    t.amount += amount;
    t.items.push({ itemId: typeof e.itemId === 'string' ? e.itemId : '', price: typeof price === 'number' ? price : amount / q, quantity: q });
  }
  return [...orders.values()];
}
