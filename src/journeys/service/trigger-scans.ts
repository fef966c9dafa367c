/**
 * Triggers that are not a single event in the log — dates (birthday, N days since the last order), item
 * changes (a price drop or a return to stock, for customers who showed interest), stock flags of the
 * forecasting run (a new stock-out risk or overstock, for the same customers), new sentiment drops raised by
 * the review scoring job (for the same customers) and one-off broadcasts to
 * a segment — found by scanning in pages. Each page carries the cursor it advances (a meta key compared
 * and set in the same transaction as the runs it creates), so a crash repeats a page rather than losing or
 * doubling it.
 */
import { DateTime } from 'luxon';
import type { Repositories, Store } from '../../store/store.js';
import type { ItemNow, ItemState } from '../../store/repositories/journey-trigger-repository.js';
import {
  DEFAULT_INTEREST,
  SENTIMENT_DROP_TRIGGER,
  STOCK_RISK_TRIGGERS,
  triggerKind,
  type DateTrigger,
  type ItemTrigger,
  type ScheduleTrigger,
} from '../definition.js';
import { isoDurationMs, validZone } from '../time.js';
import type { LiveJourney } from './journey-catalogue.js';

/** A customer who would enter a journey, with what the trigger knows. */
export interface Candidate {
  journey: LiveJourney;
  customerId: string;
  trigger: Record<string, unknown>;
}

/** A page of candidates and the cursor write that claims them. */
export interface ScanPage {
  key: string;
  before: string | undefined;
  after: string;
  candidates: Candidate[];
  more: boolean;
  /** Further writes in the same transaction (item states). */
  write?: (repos: Repositories) => Promise<void>;
}

/** The meta key of the catalogue cursor for item triggers. */
export const ITEM_CURSOR_KEY = 'journeys.items.cursor';
/** The meta key of the cursor over the forecasting runs' stock flags. */
export const STOCK_CURSOR_KEY = 'journeys.stock.cursor';
/** The meta key of the cursor over the sentiment drops raised by the review scoring job. */
export const SENTIMENT_CURSOR_KEY = 'journeys.sentiment.cursor';
/** Risk ranks of stored item forecasts (see the forecast repository) that stock triggers wait for. */
const STOCK_RISK_RANK: Record<(typeof STOCK_RISK_TRIGGERS)[number], number> = { stockout_risk: 0, overstock: 3 };
const RISK_NAME: Record<number, string> = { 0: 'stockout', 3: 'overstock' };

/** The inventory part of a stored item forecast, as far as a stock trigger reads it. */
interface StoredInventory {
  stock?: number;
  daysOfCover?: number | null;
  stockoutRisk?: number;
  suggestedOrder?: number;
  previousRisk?: string | null;
}

/** An item trigger on a stock flag. */
type StockItemTrigger = ItemTrigger & { item: (typeof STOCK_RISK_TRIGGERS)[number] };
const isStockTrigger = (t: ItemTrigger): t is StockItemTrigger =>
  (STOCK_RISK_TRIGGERS as readonly string[]).includes(t.item);
const DEFAULT_WITHIN = 'P30D';
const ORDER_EVENT = 'purchase';

interface DayState {
  day: string;
  after: string;
  done: boolean;
}

/** The scans. */
export class TriggerScans {
  constructor(
    private readonly store: Store,
    private readonly pageSize = 2000,
  ) {}

  /** The next page of every scan that has work at `now`. */
  async pages(live: readonly LiveJourney[], now: number): Promise<ScanPage[]> {
    const out: ScanPage[] = [];
    const items: LiveJourney[] = [];
    const stock: LiveJourney[] = [];
    const sentiment: LiveJourney[] = [];
    for (const j of live) {
      const kind = triggerKind(j.definition.trigger);
      let page: ScanPage | null = null;
      if (kind === 'date') page = await this.datePage(j, j.definition.trigger as DateTrigger, now);
      else if (kind === 'schedule') page = await this.broadcastPage(j, j.definition.trigger as ScheduleTrigger, now);
      else if (kind === 'item') {
        const t = j.definition.trigger as ItemTrigger;
        (t.item === SENTIMENT_DROP_TRIGGER ? sentiment : isStockTrigger(t) ? stock : items).push(j);
      }
      if (page) out.push(page);
    }
    if (items.length > 0) {
      const page = await this.itemPage(items, now);
      if (page) out.push(page);
    }
    if (stock.length > 0) {
      const page = await this.stockPage(stock, now);
      if (page) out.push(page);
    }
    if (sentiment.length > 0) {
      const page = await this.sentimentPage(sentiment, now);
      if (page) out.push(page);
    }
    return out;
  }

  /** Birthdays today, or last orders N days ago, in pages by customer id, once per day. */
  private async datePage(j: LiveJourney, t: DateTrigger, now: number): Promise<ScanPage | null> {
    const today = DateTime.fromMillis(now, { zone: validZone(t.timezone) });
    const day = today.toISODate()!;
    const key = `journeys.scan.${j.journeyId}`;
    const before = await this.store.meta.get(key);
    const state = before ? (JSON.parse(before) as DayState) : undefined;
    if (state?.day === day && state.done) return null;
    const after = state?.day === day ? state.after : '';
    const candidates: Candidate[] = [];
    let last = after;
    let full: boolean;
    if (t.date === 'birthday') {
      const trait = t.trait ?? 'birthday';
      const page = await this.store.customers.list({ limit: this.pageSize, after: after || undefined });
      for (const c of page)
        if (birthdayOn(c.traits[trait], today))
          candidates.push({ journey: j, customerId: c.id, trigger: { date: 'birthday', day } });
      last = page[page.length - 1]?.id ?? after;
      full = page.length === this.pageSize;
    } else {
      const target = today.minus({ days: t.days ?? 1 }).startOf('day');
      const rows = await this.store.journeyTriggers.lastEventBetween(
        ORDER_EVENT,
        target.toMillis(),
        target.plus({ days: 1 }).toMillis(),
        after,
        this.pageSize,
      );
      for (const r of rows)
        candidates.push({
          journey: j,
          customerId: r.customerId,
          trigger: { date: 'last_order', day, lastOrderAt: r.at, days: t.days },
        });
      last = rows[rows.length - 1]?.customerId ?? after;
      full = rows.length === this.pageSize;
    }
    const next: DayState = { day, after: last, done: !full };
    return { key, before, after: JSON.stringify(next), candidates, more: full };
  }

  /** Members of the segment, in pages, once the scheduled time has come; once per journey and time. */
  private async broadcastPage(j: LiveJourney, t: ScheduleTrigger, now: number): Promise<ScanPage | null> {
    const at = Date.parse(t.schedule);
    if (now < at || j.segmentId === null) return null;
    const key = `journeys.broadcast.${j.journeyId}.${at}`;
    const before = await this.store.meta.get(key);
    const state = before ? (JSON.parse(before) as { after: string; done: boolean }) : { after: '', done: false };
    if (state.done) return null;
    const members = await this.store.segments.members(j.segmentId, {
      limit: this.pageSize,
      after: state.after || undefined,
    });
    const full = members.length === this.pageSize;
    const last = members[members.length - 1]?.customerId ?? state.after;
    return {
      key,
      before,
      after: JSON.stringify({ after: last, done: !full }),
      candidates: members.map((m) => ({
        journey: j,
        customerId: m.customerId,
        trigger: { broadcast: t.schedule, segmentId: j.segmentId },
      })),
      more: full,
    };
  }

  /**
   * Catalogue changes after the cursor against the last state seen: a lower price or stock back above zero
   * brings in the customers who showed interest in the item. The first pass only records states.
   */
  private async itemPage(journeys: readonly LiveJourney[], now: number): Promise<ScanPage | null> {
    const before = await this.store.meta.get(ITEM_CURSOR_KEY);
    const cursor = before ? (JSON.parse(before) as { updatedAt: number; id: string }) : { updatedAt: -1, id: '' };
    const limit = Math.min(this.pageSize, 500);
    const items = await this.store.journeyTriggers.itemsChangedAfter(cursor, limit);
    if (items.length === 0) {
      if (before !== undefined) return null;
      return { key: ITEM_CURSOR_KEY, before, after: JSON.stringify(cursor), candidates: [], more: false };
    }
    const seen = await this.store.journeyTriggers.itemStates(items.map((i) => i.id));
    const candidates: Candidate[] = [];
    const seeding = before === undefined;
    for (const item of items) {
      const prev = seen.get(item.id);
      if (!prev || seeding || !item.active) continue;
      for (const j of journeys) {
        if (item.updatedAt < j.activatedAt) continue;
        const t = j.definition.trigger as ItemTrigger;
        const change = itemChange(t, prev, item);
        if (!change) continue;
        candidates.push(...(await this.interested(j, item.id, now, { itemId: item.id, change: t.item, ...change })));
      }
    }
    const states: ItemState[] = items.map((i) => ({ itemId: i.id, price: i.price, stock: i.stock, updatedAt: now }));
    const last = items[items.length - 1]!;
    return {
      key: ITEM_CURSOR_KEY,
      before,
      after: JSON.stringify({ updatedAt: last.updatedAt, id: last.id }),
      candidates,
      more: items.length === limit,
      write: (repos) => repos.journeyTriggers.saveItemStates(states),
    };
  }

  /**
   * Items the latest forecasting runs flagged (after the cursor) with a risk they did not have in the run
   * before: a new stock-out risk or a new overstock brings in the customers who showed interest in the item.
   * Flags from runs before a journey went live do not trigger it.
   */
  private stockPage(journeys: readonly LiveJourney[], now: number): Promise<ScanPage | null> {
    const ranks = [...new Set(journeys.map((j) => STOCK_RISK_RANK[(j.definition.trigger as StockItemTrigger).item]))];
    return this.flaggedItemPage(journeys, now, {
      key: STOCK_CURSOR_KEY,
      start: { computedAt: -1, key: '' },
      rowsAfter: (cursor, limit) => this.store.forecasts.flaggedAfter(cursor, ranks, limit),
      cursorOf: (row) => ({ computedAt: row.computedAt, key: row.key }),
      flag: (row) => {
        const inventory = (row.body.inventory ?? {}) as StoredInventory;
        const risk = RISK_NAME[row.riskRank ?? -1];
        if (!risk || inventory.previousRisk === risk) return null;
        const itemId = row.key.slice('item:'.length);
        return {
          itemId,
          triggerFor: (j) => {
            const t = j.definition.trigger as StockItemTrigger;
            if (STOCK_RISK_RANK[t.item] !== row.riskRank || row.computedAt < j.activatedAt) return null;
            return {
              itemId,
              change: t.item,
              risk,
              stock: inventory.stock ?? null,
              daysOfCover: inventory.daysOfCover ?? null,
              stockoutRisk: inventory.stockoutRisk ?? null,
              forecastAt: row.computedAt,
            };
          },
        };
      },
    });
  }

  /**
   * Items the review scoring job newly raised a sentiment drop for (after the cursor): each brings in the
   * customers who showed interest in it. A drop keeps its raised time while it lasts, so later evaluations
   * of the same drop are behind the cursor; drops raised before a journey went live do not trigger it.
   */
  private sentimentPage(journeys: readonly LiveJourney[], now: number): Promise<ScanPage | null> {
    return this.flaggedItemPage(journeys, now, {
      key: SENTIMENT_CURSOR_KEY,
      start: { raisedAt: -1, itemId: '' },
      rowsAfter: (cursor, limit) => this.store.reviews.dropsRaisedAfter(cursor, limit),
      cursorOf: (row) => ({ raisedAt: row.raisedAt, itemId: row.itemId }),
      flag: (row) => ({
        itemId: row.itemId,
        triggerFor: (j) =>
          row.raisedAt < j.activatedAt
            ? null
            : {
                itemId: row.itemId,
                change: SENTIMENT_DROP_TRIGGER,
                recentMean: row.recentMean,
                baselineMean: row.baselineMean,
                drop: row.baselineMean - row.recentMean,
                recentReviews: row.recentReviews,
                raisedAt: row.raisedAt,
              },
      }),
    });
  }

  /**
   * One page of a cursor-paged scan over flagged items (stock flags, sentiment drops): the rows after the
   * stored cursor, each flag bringing in the customers interested in its item for every journey it starts.
   */
  private async flaggedItemPage<C, R>(
    journeys: readonly LiveJourney[],
    now: number,
    scan: FlagScan<C, R>,
  ): Promise<ScanPage | null> {
    const before = await this.store.meta.get(scan.key);
    const cursor = before ? (JSON.parse(before) as C) : scan.start;
    const limit = Math.min(this.pageSize, 500);
    const rows = await scan.rowsAfter(cursor, limit);
    if (rows.length === 0) return null;
    const candidates: Candidate[] = [];
    for (const row of rows) {
      const flag = scan.flag(row);
      if (!flag) continue;
      for (const j of journeys) {
        const trigger = flag.triggerFor(j);
        if (trigger) candidates.push(...(await this.interested(j, flag.itemId, now, trigger)));
      }
    }
    return {
      key: scan.key,
      before,
      after: JSON.stringify(scan.cursorOf(rows[rows.length - 1]!)),
      candidates,
      more: rows.length === limit,
    };
  }

  /** The customers who showed the journey's interest in the item within its window, as candidates. */
  private async interested(
    j: LiveJourney,
    itemId: string,
    now: number,
    trigger: Record<string, unknown>,
  ): Promise<Candidate[]> {
    const t = j.definition.trigger as ItemTrigger;
    const since = now - isoDurationMs(t.within ?? DEFAULT_WITHIN);
    const interested = await this.store.journeyTriggers.interestedIn(itemId, t.interest ?? DEFAULT_INTEREST, since);
    return [...interested.keys()].map((customerId) => ({ journey: j, customerId, trigger: { ...trigger } }));
  }
}

/** A cursor-paged scan over rows that flag items: where its cursor is kept, how to read on, what a row flags. */
interface FlagScan<C, R> {
  key: string;
  /** The cursor before the first row. */
  start: C;
  rowsAfter: (cursor: C, limit: number) => Promise<R[]>;
  cursorOf: (row: R) => C;
  /** The item a row flags and the trigger data for each journey it starts (null: none, or not that one). */
  flag: (row: R) => { itemId: string; triggerFor: (j: LiveJourney) => Record<string, unknown> | null } | null;
}

/** What changed, when it is the change the trigger waits for. */
function itemChange(t: ItemTrigger, prev: ItemState, item: ItemNow): Record<string, unknown> | null {
  if (t.item === 'price_drop') {
    if (prev.price === null || item.price === null || item.price >= prev.price || prev.price <= 0) return null;
    const dropPercent = ((prev.price - item.price) / prev.price) * 100;
    if (dropPercent < (t.minDropPercent ?? 0)) return null;
    return { oldPrice: prev.price, newPrice: item.price, dropPercent: Math.round(dropPercent * 100) / 100 };
  }
  const wasOut = prev.stock !== null && prev.stock <= 0;
  const isIn = item.stock === null || item.stock > 0;
  return wasOut && isIn ? { stock: item.stock } : null;
}

/** Whether a birthday (`YYYY-MM-DD`, `MM-DD` or `--MM-DD`) falls on the day; 29 February counts on the 28th in other years. */
export function birthdayOn(value: unknown, day: DateTime): boolean {
  if (typeof value !== 'string') return false;
  const m = /^(?:\d{4}-|--)?(\d{2})-(\d{2})(?:$|T)/.exec(value);
  if (!m) return false;
  const month = Number(m[1]);
  const date = Number(m[2]);
  if (month === day.month && date === day.day) return true;
  return month === 2 && date === 29 && !day.isInLeapYear && day.month === 2 && day.day === 28;
}
