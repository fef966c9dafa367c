/**
 * Popularity before any model is trained, from the newest events alone: the database sums them per item,
 * channel and type (`recentItemActivity`), so a request costs the same whether the log holds 50,000 events
 * or 50 million. It read the whole log into columns before (at start, and again every minute).
 */
import { DAY_MS } from '../../domain/index.js';
import type { Store } from '../../store/store.js';
import { eventCode, eventWeight } from '../event-weights.js';
import { TRENDING_HALF_LIFE_DAYS, usableEvent, type PopularityVectors } from './log-columns.js';

/** Events older than this before the newest are left out: four half-lives, each worth at most 1/16 of a new one. */
export const POPULARITY_WINDOW_MS = 4 * TRENDING_HALF_LIFE_DAYS * DAY_MS;
/** At most this many of the newest events are read: a bound at any event rate. */
export const POPULARITY_EVENTS = 200_000;

/** Popularity over `itemIds` (the catalogue) plus any item the newest events name that it lacks. */
export interface RecentPopularity {
  itemIds: string[];
  popularity: PopularityVectors;
  /** Whether no usable event was found. */
  empty: boolean;
}

/** Decayed popularity, overall and per channel, of the newest events. */
export async function recentPopularity(
  store: Store,
  itemIds: readonly string[],
  bounds: { window: number; limit: number } = { window: POPULARITY_WINDOW_MS, limit: POPULARITY_EVENTS },
): Promise<RecentPopularity> {
  const rows = await store.eventAnalytics.recentItemActivity({ ...bounds, halfLife: TRENDING_HALF_LIFE_DAYS * DAY_MS });
  const ids = [...itemIds];
  const index = new Map(ids.map((id, i) => [id, i]));
  const usable = rows.filter((r) => usableEvent(r));
  for (const r of usable) if (!index.has(r.itemId)) index.set(r.itemId, ids.push(r.itemId) - 1);
  const trending = new Float32Array(ids.length);
  const byChannel = new Map<string, Float32Array>();
  for (const r of usable) {
    const w = Math.max(0, eventWeight(eventCode(r.type), r.value ?? Number.NaN)) * r.decayed;
    const item = index.get(r.itemId)!;
    trending[item]! += w;
    let channel = byChannel.get(r.channel);
    if (!channel) byChannel.set(r.channel, (channel = new Float32Array(ids.length)));
    channel[item]! += w;
  }
  return { itemIds: ids, popularity: { trending, byChannel }, empty: usable.length === 0 };
}
