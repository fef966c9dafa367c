/** Recommendation lists: for the visitor, similar items, bought together, trending, from a session. */
import type { Http, QueryValue } from './http.js';
import type { Recommendations } from './types.js';
import type { Visitor } from './visitor.js';

/** Business rules and size of a list (all optional; the server's defaults apply). */
export interface RecommendOptions {
  /** How many items, 1–100 (default 10). */
  k?: number;
  /** Keep items in these categories or below them, e.g. `['女装']`. */
  categories?: string[];
  priceMin?: number;
  priceMax?: number;
  /** Only items in stock (untracked stock counts as in stock). */
  inStock?: boolean;
  /** Attribute filters, e.g. `{ colour: 'red' }`. */
  attributes?: Record<string, string | number | boolean>;
  /** Item ids never to return. */
  exclude?: string[];
  /** Leave out the customer's purchases (default true; customer lists only). */
  excludePurchased?: boolean;
  /** Leave out items seen in the last N days (default 30; customer lists only). */
  excludeSeenDays?: number;
  /** 0 relevance only … 1 most varied. */
  diversity?: number;
  /** Channel for popularity fallbacks, e.g. `app`. */
  channel?: string;
  /** Cancels the request. */
  signal?: AbortSignal;
}

/** Extra rules for session lists: multiply scores of matching items, or pin items to positions. */
export interface SessionOptions extends Omit<RecommendOptions, 'excludePurchased' | 'excludeSeenDays'> {
  boosts?: { factor: number; category?: string; brand?: string; itemIds?: string[] }[];
  pins?: { itemId: string; position: number }[];
}

// The server takes at most 100 session items; the newest matter most.
const MAX_SESSION_ITEMS = 100;

function listQuery(options: RecommendOptions): Record<string, QueryValue> {
  const query: Record<string, QueryValue> = {
    k: options.k,
    category: options.categories,
    priceMin: options.priceMin,
    priceMax: options.priceMax,
    inStock: options.inStock,
    exclude: options.exclude,
    excludePurchased: options.excludePurchased,
    excludeSeenDays: options.excludeSeenDays,
    diversity: options.diversity,
    channel: options.channel,
  };
  for (const [name, value] of Object.entries(options.attributes ?? {})) query[`attr.${name}`] = value;
  return query;
}

const path = (id: string) => encodeURIComponent(id);

/** `client.recommendations`. */
export class RecommendationsApi {
  constructor(
    private readonly http: Http,
    private readonly visitor: Visitor,
  ) {}

  /**
   * The visitor's own list: personal recommendations for an identified customer; for an anonymous
   * visitor, a session list from the items they viewed lately; trending when there is nothing to go on.
   */
  forCustomer(options: SessionOptions & RecommendOptions = {}): Promise<Recommendations> {
    const customerId = this.visitor.customerId();
    if (customerId !== null) {
      return this.get(`/v1/recommendations/customers/${path(customerId)}`, options);
    }
    const { excludePurchased: _p, excludeSeenDays: _s, ...sessionOptions } = options;
    return this.session(this.visitor.recentItems(), sessionOptions);
  }

  /** Items similar to an item (404 when the item is unknown). */
  similar(itemId: string, options: RecommendOptions = {}): Promise<Recommendations> {
    return this.get(`/v1/recommendations/items/${path(itemId)}/similar`, options);
  }

  /** Items frequently bought together with an item (404 when the item is unknown). */
  boughtTogether(itemId: string, options: RecommendOptions = {}): Promise<Recommendations> {
    return this.get(`/v1/recommendations/items/${path(itemId)}/bought-together`, options);
  }

  /** What is popular lately, overall or in `channel`; filter with `categories`. */
  trending(options: RecommendOptions = {}): Promise<Recommendations> {
    return this.get('/v1/recommendations/trending', options);
  }

  /** A list for the items a session touched (oldest first); with no items, trending. */
  session(itemIds: readonly string[], options: SessionOptions = {}): Promise<Recommendations> {
    if (itemIds.length === 0) return this.trending(options);
    const { k, signal, ...filters } = options;
    const anonymousId = this.visitor.anonymousId();
    const body = {
      itemIds: itemIds.slice(-MAX_SESSION_ITEMS),
      ...(anonymousId !== null ? { anonymousId } : {}),
      ...(k !== undefined ? { k } : {}),
      ...(Object.keys(filters).length > 0 ? { filters } : {}),
    };
    return this.http.request('POST', '/v1/recommendations/session', { body, ...(signal ? { signal } : {}) });
  }

  // The anonymous id (none without consent) shows the visitor their price under a running price experiment; the
  // server resolves it to the customer after `identify`, as it does for experiments.
  private get(url: string, options: RecommendOptions): Promise<Recommendations> {
    const { signal } = options;
    const query = { ...listQuery(options), anonymousId: this.visitor.anonymousId() ?? undefined };
    return this.http.request('GET', url, { query, ...(signal ? { signal } : {}) });
  }
}
