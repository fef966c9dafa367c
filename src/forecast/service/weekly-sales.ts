/**
 * Weekly sales from the event log: purchase events bucketed by ISO week (Monday, UTC) per item, category,
 * channel and the whole store, with each item's weekly unit price (revenue over units) for pricing.
 */
import { DAY_MS, WEEK_MS } from '../../domain/index.js';
import type { Store } from '../../store/store.js';
import type { ItemRecord } from '../../store/repositories/item-repository.js';

/** 1970-01-05 was a Monday: weeks start there. */
const MONDAY_OFFSET = 4 * DAY_MS;

/** The Monday (UTC ms) of the week holding `ms`. */
export function weekStart(ms: number): number {
  return Math.floor((ms - MONDAY_OFFSET) / WEEK_MS) * WEEK_MS + MONDAY_OFFSET;
}

/** Weekly sales of the store. */
export interface WeeklySales {
  /** Monday of the first week. */
  firstWeek: number;
  weeks: number;
  /** Units per week, per series key (`item:<id>`, `category:<name>`, `channel:<name>`, `store`). */
  units: Map<string, Float64Array>;
  /** Per item: revenue per week (to derive its weekly price). */
  revenue: Map<string, Float64Array>;
  items: Map<string, ItemRecord>;
}

const PAGE = 5000;

/** Reads every purchase up to `asOf` into weekly series (weeks with no sales are zeros). */
export async function weeklySales(store: Store, asOf: number, minWeek?: number): Promise<WeeklySales> {
  const raw: { item: string; channel: string; week: number; units: number; revenue: number }[] = [];
  let after = 0;
  let first = Infinity;
  for (;;) {
    const page = await store.events.scanEntries(after, PAGE, { types: ['purchase'] });
    if (page.length === 0) break;
    after = page[page.length - 1]!.seq;
    for (const e of page) {
      if (!e.itemId || e.timestamp > asOf) continue;
      const week = weekStart(e.timestamp);
      if (minWeek !== undefined && week < minWeek) continue;
      const units = e.quantity ?? 1;
      const revenue = e.revenue ?? (e.price !== null ? e.price * units : 0);
      raw.push({ item: e.itemId, channel: e.channel, week, units, revenue });
      first = Math.min(first, week);
    }
    if (page.length < PAGE) break;
  }
  const lastWeek = weekStart(asOf);
  const firstWeek = Number.isFinite(first) ? first : lastWeek;
  const weeks = Math.round((lastWeek - firstWeek) / WEEK_MS) + 1;
  const items = await store.items.getMany([...new Set(raw.map((r) => r.item))]);
  const units = new Map<string, Float64Array>();
  const revenue = new Map<string, Float64Array>();
  const add = (map: Map<string, Float64Array>, key: string, w: number, v: number) => {
    let a = map.get(key);
    if (!a) map.set(key, (a = new Float64Array(weeks)));
    a[w] = a[w]! + v;
  };
  for (const r of raw) {
    const w = Math.round((r.week - firstWeek) / WEEK_MS);
    const category = items.get(r.item)?.category;
    add(units, `item:${r.item}`, w, r.units);
    if (category) add(units, `category:${category}`, w, r.units);
    add(units, `channel:${r.channel}`, w, r.units);
    add(units, 'store', w, r.units);
    add(revenue, r.item, w, r.revenue);
  }
  return { firstWeek, weeks, units, revenue, items };
}
