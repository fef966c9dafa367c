/**
 * Sales from the event log (and the daily rollups retention keeps of dropped events): purchase events bucketed
 * by day, ISO week (Monday, UTC) or calendar month per item, category, channel and the whole store, with each
 * item's revenue per period (its unit price, for pricing).
 */
import { DAY_MS } from '../../domain/index.js';
import type { Store } from '../../store/store.js';
import type { ItemRecord } from '../../store/repositories/item-repository.js';
import { bucketsBetween, bucketStart, type SalesFrequency } from '../periods.js';

/** The Monday (UTC ms) of the week holding `ms`. */
export function weekStart(ms: number): number {
  return bucketStart(ms, 'week');
}

/** Sales of the store per period. */
export interface PeriodSales {
  frequency: SalesFrequency;
  /** Start (UTC ms) of the first period. */
  first: number;
  periods: number;
  /** Units per period, per series key (`item:<id>`, `category:<name>`, `channel:<name>`, `store`). */
  units: Map<string, Float64Array>;
  /** Per item: revenue per period (to derive its price). */
  revenue: Map<string, Float64Array>;
  items: Map<string, ItemRecord>;
}

/** Weekly sales of the store (what pricing reads). */
export interface WeeklySales extends PeriodSales {
  /** Monday of the first week. */
  firstWeek: number;
  weeks: number;
}

const PAGE = 5000;

/** Reads every purchase up to `asOf` into weekly series (weeks with no sales are zeros). */
export async function weeklySales(store: Store, asOf: number, minWeek?: number): Promise<WeeklySales> {
  const sales = await periodSales(store, asOf, 'week', minWeek);
  return { ...sales, firstWeek: sales.first, weeks: sales.periods };
}

/** Reads every purchase from `since` up to `asOf` into series of `frequency` (periods with no sales are zeros). */
export async function periodSales(
  store: Store,
  asOf: number,
  frequency: SalesFrequency,
  since?: number,
): Promise<PeriodSales> {
  const raw: { item: string; channel: string; start: number; units: number; revenue: number }[] = [];
  const from = since === undefined ? undefined : bucketStart(since, frequency);
  let after = 0;
  let first = Infinity;
  for (;;) {
    const page = await store.events.scanEntries(after, PAGE, { types: ['purchase'] });
    if (page.length === 0) break;
    after = page[page.length - 1]!.seq;
    for (const e of page) {
      if (!e.itemId || e.timestamp > asOf) continue;
      const start = bucketStart(e.timestamp, frequency);
      if (from !== undefined && start < from) continue;
      const units = e.quantity ?? 1;
      const revenue = e.revenue ?? (e.price !== null ? e.price * units : 0);
      raw.push({ item: e.itemId, channel: e.channel, start, units, revenue });
      first = Math.min(first, start);
    }
    if (page.length < PAGE) break;
  }
  // Days whose raw events retention dropped are kept as daily rollups (never overlapping the raw log).
  for (const r of await store.eventRetention.purchaseRollups()) {
    if (!r.itemId || r.day > asOf) continue;
    const start = bucketStart(r.day, frequency);
    if (from !== undefined && start < from) continue;
    raw.push({ item: r.itemId, channel: r.channel, start, units: r.units, revenue: r.revenue });
    first = Math.min(first, start);
  }
  const last = bucketStart(asOf, frequency);
  const firstStart = Number.isFinite(first) ? first : last;
  const periods = bucketsBetween(firstStart, last, frequency) + 1;
  const items = await store.items.getMany([...new Set(raw.map((r) => r.item))]);
  const units = new Map<string, Float64Array>();
  const revenue = new Map<string, Float64Array>();
  const add = (map: Map<string, Float64Array>, key: string, k: number, v: number) => {
    let a = map.get(key);
    if (!a) map.set(key, (a = new Float64Array(periods)));
    a[k] = a[k]! + v;
  };
  for (const r of raw) {
    const k = bucketsBetween(firstStart, r.start, frequency);
    const category = items.get(r.item)?.category;
    add(units, `item:${r.item}`, k, r.units);
    if (category) add(units, `category:${category}`, k, r.units);
    add(units, `channel:${r.channel}`, k, r.units);
    add(units, 'store', k, r.units);
    add(revenue, r.item, k, r.revenue);
  }
  return { frequency, first: firstStart, periods, units, revenue, items };
}

/** How far back a run reads, per frequency: two years of days, three of weeks, five of months. */
export const HISTORY_READ_MS: Record<SalesFrequency, number> = {
  day: 2 * 365 * DAY_MS,
  week: 3 * 52 * 7 * DAY_MS,
  month: 5 * 365 * DAY_MS,
};
