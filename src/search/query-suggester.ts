/** Popular past queries for autocomplete: prefix lookup in a sorted list, ranked by how often each was searched. */
import { normalizeText } from '../text/normalize.js';

/** A suggested query and how often it was searched. */
export interface QuerySuggestion {
  /** The normalised query. */
  query: string;
  /** Times searched (or any popularity weight). */
  count: number;
}

const norm = (q: string): string => normalizeText(q).replace(/\s+/g, ' ').trim();

/** Past queries with counts; `suggest` is a binary search plus a scan of the matching range. */
export class QuerySuggester {
  private readonly counts = new Map<string, number>();
  private sorted: string[] | null = null;

  /** Records a query `count` times (e.g. replaying the search log, or only queries that led to a click). */
  record(query: string, count = 1): void {
    const q = norm(query);
    if (q.length === 0) return;
    if (!this.counts.has(q)) this.sorted = null;
    this.counts.set(q, (this.counts.get(q) ?? 0) + count);
  }

  /** Number of distinct queries. */
  get size(): number {
    return this.counts.size;
  }

  /** Up to `limit` recorded queries starting with `prefix`, most frequent first. */
  suggest(prefix: string, limit = 5): QuerySuggestion[] {
    const p = norm(prefix);
    if (p.length === 0) return [];
    this.sorted ??= [...this.counts.keys()].sort();
    const list = this.sorted;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]! < p) lo = mid + 1;
      else hi = mid;
    }
    const out: QuerySuggestion[] = [];
    for (let i = lo; i < list.length && list[i]!.startsWith(p); i++) {
      out.push({ query: list[i]!, count: this.counts.get(list[i]!)! });
    }
    return out.sort((a, b) => b.count - a.count || a.query.localeCompare(b.query)).slice(0, limit);
  }

  /** Serialisable form: [query, count] pairs. */
  toJSON(): [string, number][] {
    return [...this.counts];
  }

  /** Restores from {@link QuerySuggester.toJSON}. */
  static fromJSON(pairs: readonly [string, number][]): QuerySuggester {
    const s = new QuerySuggester();
    for (const [q, c] of pairs) s.record(q, c);
    return s;
  }
}
