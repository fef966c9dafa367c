/** Query analytics over the search log: top and zero-result queries, searches followed by a click, and click pairs. */
import { normalizeText } from '../../text/normalize.js';
import type { EngagementRow, SearchEventRow } from '../../store/repositories/search-repository.js';
import type { SearchClickPair } from '../query/learn-synonyms.js';

/** A click, cart or purchase counts for the latest search in its session within this window. */
export const ATTRIBUTION_WINDOW_MS = 30 * 60_000;

/** Engagement weights for learning: a purchase says more than a click. */
const PAIR_WEIGHTS: Record<string, number> = { click: 1, add_to_cart: 2, purchase: 3 };

/** A query and how often it was searched. */
export interface QueryCount {
  query: string;
  searches: number;
  /** Searches of it that returned nothing. */
  zeroResults: number;
  /** Searches of it followed by a click, cart or purchase in the session. */
  clicked: number;
}

/** The search report. */
export interface SearchStatsReport {
  since: string;
  searches: number;
  distinctQueries: number;
  zeroResultSearches: number;
  zeroResultRate: number;
  /** Searches with a session id (only those can be followed to a click). */
  searchesWithSession: number;
  /** Share of searches with a session followed by a click, cart or purchase within 30 minutes. */
  clickThroughRate: number;
  topQueries: QueryCount[];
  zeroResultQueries: QueryCount[];
}

const norm = (q: string): string => normalizeText(q).replace(/\s+/g, ' ').trim();

/** The search each engagement follows (latest earlier search in its session within the window). */
function attribute(
  searches: readonly SearchEventRow[],
  engagements: readonly EngagementRow[],
  visit: (search: SearchEventRow, index: number, e: EngagementRow) => void,
): void {
  const bySession = new Map<string, number[]>();
  searches.forEach((s, i) => {
    if (s.sessionId === null) return;
    const list = bySession.get(s.sessionId) ?? [];
    list.push(i);
    bySession.set(s.sessionId, list);
  });
  for (const e of engagements) {
    const list = bySession.get(e.sessionId);
    if (!list) continue;
    let best = -1;
    for (const i of list) {
      const s = searches[i]!;
      if (s.ts <= e.ts && e.ts - s.ts <= ATTRIBUTION_WINDOW_MS) best = i;
    }
    if (best >= 0) visit(searches[best]!, best, e);
  }
}

/** Builds the report from search and engagement events (both oldest first). */
export function searchStats(
  searches: readonly SearchEventRow[],
  engagements: readonly EngagementRow[],
  since: number,
  limit = 20,
): SearchStatsReport {
  const clicked = new Set<number>();
  attribute(searches, engagements, (_s, i) => clicked.add(i));
  const counts = new Map<string, QueryCount>();
  let zero = 0;
  let withSession = 0;
  searches.forEach((s, i) => {
    const q = norm(s.query);
    const c = counts.get(q) ?? { query: q, searches: 0, zeroResults: 0, clicked: 0 };
    c.searches++;
    if (s.properties.results === 0) {
      c.zeroResults++;
      zero++;
    }
    if (clicked.has(i)) c.clicked++;
    if (s.sessionId !== null) withSession++;
    counts.set(q, c);
  });
  const all = [...counts.values()];
  const order = (a: QueryCount, b: QueryCount) => b.searches - a.searches || a.query.localeCompare(b.query);
  return {
    since: new Date(since).toISOString(),
    searches: searches.length,
    distinctQueries: counts.size,
    zeroResultSearches: zero,
    zeroResultRate: searches.length > 0 ? zero / searches.length : 0,
    searchesWithSession: withSession,
    clickThroughRate: withSession > 0 ? clicked.size / withSession : 0,
    topQueries: all.sort(order).slice(0, limit),
    zeroResultQueries: all
      .filter((c) => c.zeroResults > 0)
      .sort((a, b) => b.zeroResults - a.zeroResults || order(a, b))
      .slice(0, limit),
  };
}

/** Query → engaged item pairs for synonym learning. */
export function searchClickPairs(
  searches: readonly SearchEventRow[],
  engagements: readonly EngagementRow[],
): SearchClickPair[] {
  const pairs: SearchClickPair[] = [];
  attribute(searches, engagements, (s, _i, e) =>
    pairs.push({ query: s.query, itemId: e.itemId, weight: PAIR_WEIGHTS[e.type] ?? 1 }),
  );
  return pairs;
}
