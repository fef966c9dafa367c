/**
 * Triggers that are not a single event in the log — dates (birthday, N days since the last order), item
 * changes (a price drop or a return to stock, for customers who showed interest) and one-off broadcasts to
 * a segment — found by scanning in pages. Each page carries the cursor it advances (a meta key compared
 * and set in the same transaction as the runs it creates), so a crash repeats a page rather than losing or
 * doubling it.
 */
import { DateTime } from 'luxon';
import type { Repositories, Store } from '../../store/store.js';
import type { ItemNow, ItemState } from '../../store/repositories/journey-trigger-repository.js';
import {
  DEFAULT_INTEREST,
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
    for (const j of live) {
      const kind = triggerKind(j.definition.trigger);
      let page: ScanPage | null = null;
      if (kind === 'date') page = await this.datePage(j, j.definition.trigger as DateTrigger, now);
      else if (kind === 'schedule') page = await this.broadcastPage(j, j.definition.trigger as ScheduleTrigger, now);
      else if (kind === 'item') items.push(j);
      if (page) out.push(page);
    }
    if (items.length > 0) {
      const page = await this.itemPage(items, now);
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
        const since = now - isoDurationMs(t.within ?? DEFAULT_WITHIN);
        const interested = await this.store.journeyTriggers.interestedIn(
          item.id,
          t.interest ?? DEFAULT_INTEREST,
          since,
        );
        for (const customerId of interested.keys())
          candidates.push({ journey: j, customerId, trigger: { itemId: item.id, change: t.item, ...change } });
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
