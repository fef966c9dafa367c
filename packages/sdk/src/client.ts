/** The Daogou client: tracking with consent, identity, recommendations and search over one key. */
import { DaogouError } from './errors.js';
import { EventQueue, type ErrorHandler, type Outbox } from './event-queue.js';
import { Http, type FetchFunction } from './http.js';
import { randomId } from './ids.js';
import { CONSENT_KEY, DEFAULT_SESSION_TIMEOUT_MS, Identity, STORAGE_KEYS } from './identity.js';
import { onPageHide } from './page-lifecycle.js';
import { AssistantApi } from './assistant.js';
import { ExperimentsApi } from './experiments.js';
import { MessagingApi } from './messaging.js';
import { RecommendationsApi } from './recommendations.js';
import { SearchApi, type AutocompleteOptions, type SearchOptions } from './search.js';
import { ConsentedStorage, resolveStorage, type StorageOption } from './storage.js';
import type {
  AutocompleteResult,
  Channel,
  EventInput,
  EventType,
  Item,
  ItemReviewSummary,
  MergeResult,
  SearchResults,
} from './types.js';
import type { Visitor } from './visitor.js';

/** Options of `createClient`. */
export interface ClientOptions {
  /** The Daogou server, e.g. `https://shop.example.com` or `http://127.0.0.1:7070`. */
  baseUrl: string;
  /** A public (browser) key `dg_pub_…` in pages; any key in Node. */
  apiKey: string;
  /** Where the visitor's ids live (default `auto`: localStorage, else a cookie, else memory). */
  storage?: StorageOption;
  /** fetch to use (default: the global one). */
  fetch?: FetchFunction;
  /** Consent assumed until the visitor chooses (default `{ analytics: false }`: nothing tracked or stored). */
  consent?: { analytics: boolean };
  /** Longest time an event waits before it is sent, ms (default 5000). */
  flushIntervalMs?: number;
  /** Events per request; a full batch is sent at once (default 20). */
  batchSize?: number;
  /** Channel of tracked events (default `web`). */
  channel?: Channel;
  /** Inactivity after which a new session starts, ms (default 30 minutes). */
  sessionTimeoutMs?: number;
  /** Retries of a batch on network errors, 408, 429 and 5xx, with exponential backoff (default 5). */
  maxRetries?: number;
  /** Most events kept while the server is unreachable; the oldest go first (default 1000). */
  maxQueueSize?: number;
  /** Told about events that were dropped (4xx) or could not be delivered yet (network, 5xx). */
  onError?: ErrorHandler;
  /** The clock, epoch ms (tests). */
  now?: () => number;
}

/** Fields of a tracked event besides its type; id, time, channel and visitor ids are filled in. */
export type TrackFields = Omit<EventInput, 'type'>;

/** One line of an order. */
export interface PurchaseLine {
  itemId: string;
  /** Default 1. */
  quantity?: number;
  /** Unit price. */
  price?: number;
  /** The list this line was bought from (attribution). */
  recommendationId?: string;
  properties?: Record<string, unknown>;
}

/** A completed order. */
export interface Order {
  orderId: string;
  items: PurchaseLine[];
  /** ISO 4217 code, e.g. `CNY`. */
  currency?: string;
}

/** The visitor as the client currently knows them. */
export interface VisitorState {
  analytics: boolean;
  /** Null without analytics consent. */
  anonymousId: string | null;
  customerId: string | null;
  /** Null without analytics consent. */
  sessionId: string | null;
}

/** Options of `identify`. */
export interface IdentifyOptions {
  /**
   * The customer token your server issued for this customer (`POST /v1/customers/{id}/token`). With a
   * browser key, personal recommendations, personalised search and events naming the customer need it.
   */
  token?: string;
  /**
   * Your server's merge signature: hex HMAC-SHA256 of `daogou:merge:v1\n<customerId>\n<anonymousId>\n<signedAt>`,
   * where anonymousId is `visitor().anonymousId` (read it after any `reset()`). Needed to merge with a browser key.
   */
  signature?: string;
  /** When your server signed the merge, epoch ms (part of the signature). */
  signedAt?: number;
}

/** A Daogou client; see `createClient`. */
export interface DaogouClient {
  /** Tracks an event; returns its id, or null when analytics consent is missing. */
  track(type: EventType, fields?: TrackFields): string | null;
  /** A product page view. */
  view(itemId: string, extra?: TrackFields): string | null;
  /** A click on an item, e.g. in a recommendation list (pass its `recommendationId`). */
  click(itemId: string, extra?: TrackFields): string | null;
  /** An item put in the cart (quantity 1 unless given). */
  addToCart(itemId: string, extra?: TrackFields): string | null;
  /** An item taken out of the cart (quantity 1 unless given). */
  removeFromCart(itemId: string, extra?: TrackFields): string | null;
  /** A completed order: one purchase event per line, all carrying the order id; returns their ids. */
  purchase(order: Order): string[];
  /** A search done outside Daogou (`client.search` is logged by the server already). */
  trackSearch(query: string, extra?: TrackFields): string | null;
  /** A star rating, 0–5. */
  rate(itemId: string, rating: number, extra?: TrackFields): string | null;
  /** A written review. */
  review(itemId: string, text: string, extra?: TrackFields): string | null;
  /** An item added to the wishlist. */
  wishlist(itemId: string, extra?: TrackFields): string | null;
  /** The visitor logged in: later events carry the customer id, and the anonymous history is merged into it. */
  identify(customerId: string, options?: IdentifyOptions): Promise<MergeResult | null>;
  /** The visitor logged out: forget the customer and start a new anonymous id and session. */
  reset(): void;
  /** Records the visitor's choice; withdrawing analytics consent drops queued events and erases stored ids. */
  consent(choice: { analytics: boolean }): void;
  /** Who the visitor is now. */
  visitor(): VisitorState;
  /** Sends queued events now; resolves when they are delivered, dropped or kept for a later retry. */
  flush(): Promise<void>;
  /** Flushes and stops timers and page listeners (Node scripts, tests, single-page app teardown). */
  close(): Promise<void>;
  /** Recommendation lists. */
  recommendations: RecommendationsApi;
  /** A/B tests and flags: the visitor's variants, and exposure when one is shown. */
  experiments: ExperimentsApi;
  /** The signed-in customer's message preferences (consent per channel). */
  messaging: MessagingApi;
  /** The shopping assistant: a chat that finds products and answers questions, Chinese and English. */
  assistant: AssistantApi;
  /** Reads one active item of the catalogue (404 DaogouError when it does not exist or is withdrawn). */
  item(itemId: string, options?: { signal?: AbortSignal }): Promise<Item>;
  /** What reviews say about an active item: sentiment, aspect pros and cons with counts and quotes. */
  reviewSummary(itemId: string, options?: { signal?: AbortSignal }): Promise<ItemReviewSummary>;
  /** Searches the catalogue; personalised and logged as the visitor's with analytics consent. */
  search(query: string, options?: SearchOptions): Promise<SearchResults>;
  /** Suggestions while typing. */
  autocomplete(prefix: string, options?: AutocompleteOptions): Promise<AutocompleteResult>;
}

const OUTBOX_LIMIT = 500;

function outboxOf(storage: ConsentedStorage): Outbox {
  const load = () => storage.getJson<EventInput[]>(STORAGE_KEYS.outbox) ?? [];
  return {
    load,
    save(events) {
      const seen = new Set<string | undefined>();
      const all = [...load(), ...events].filter((e) => !seen.has(e.id) && seen.add(e.id));
      storage.setJson(STORAGE_KEYS.outbox, all.slice(-OUTBOX_LIMIT));
    },
    remove(ids) {
      const saved = load();
      if (saved.length === 0) return;
      const kept = saved.filter((e) => !ids.has(e.id ?? ''));
      if (kept.length === 0) storage.remove(STORAGE_KEYS.outbox);
      else if (kept.length < saved.length) storage.setJson(STORAGE_KEYS.outbox, kept);
    },
  };
}

function requireId(name: string, value: string): void {
  if (typeof value !== 'string' || value.length === 0) throw new TypeError(`${name} must be a non-empty string`);
}

/** Creates a client. Without analytics consent it tracks and stores nothing until `consent({ analytics: true })`. */
export function createClient(options: ClientOptions): DaogouClient {
  requireId('baseUrl', options.baseUrl);
  requireId('apiKey', options.apiKey);
  const fetchFn = options.fetch ?? (globalThis.fetch as FetchFunction | undefined)?.bind(globalThis);
  if (!fetchFn) throw new TypeError('no global fetch: pass one as the fetch option');
  const now = options.now ?? Date.now;
  const channel = options.channel ?? 'web';
  const onError: ErrorHandler = options.onError ?? (() => {});

  const storage = new ConsentedStorage(resolveStorage(options.storage), true);
  // A choice the visitor made on an earlier page wins over the configured default.
  const stored = storage.getDurable(CONSENT_KEY);
  let analytics = stored === null ? (options.consent?.analytics ?? false) : stored === 'granted';
  // Starting without consent also erases what an earlier configuration may have stored.
  storage.setPersistent(analytics, Object.values(STORAGE_KEYS));
  const identity = new Identity(storage, now, options.sessionTimeoutMs ?? DEFAULT_SESSION_TIMEOUT_MS);
  // The customer token travels as a header on every call once identify() was given one.
  const http = new Http(options.baseUrl, options.apiKey, fetchFn, () => identity.customerToken());
  // identify() before consent: the merge waits until the visitor agrees to analytics.
  let pendingMerge: { customerId: string; signature?: string; signedAt?: number } | undefined;

  const queue = new EventQueue({
    send: (events, keepalive) => http.request('POST', '/v1/events/batch', { body: { events }, keepalive }),
    batchSize: Math.max(1, Math.min(options.batchSize ?? 20, 10_000)),
    flushIntervalMs: options.flushIntervalMs ?? 5000,
    maxRetries: options.maxRetries ?? 5,
    maxQueueSize: options.maxQueueSize ?? 1000,
    onError,
    outbox: outboxOf(storage),
  });
  if (analytics) queue.restore();
  const removePageListener = onPageHide(() => queue.flushOnHide());

  const visitor: Visitor = {
    analytics: () => analytics,
    customerId: () => identity.customerId(),
    anonymousId: () => (analytics ? identity.anonymousId() : null),
    sessionId: () => (analytics ? identity.sessionId() : null),
    recentItems: () => (analytics ? identity.recentItems() : []),
  };
  const searchApi = new SearchApi(http, visitor);

  const track = (type: EventType, fields: TrackFields = {}): string | null => {
    if (!analytics) return null;
    const customerId = identity.customerId();
    const event: EventInput = {
      id: randomId(),
      type,
      timestamp: now(),
      channel,
      anonymousId: identity.anonymousId(),
      sessionId: identity.sessionId(),
      ...(customerId !== null ? { customerId } : {}),
      ...fields,
    };
    if (event.itemId !== undefined && (type === 'view' || type === 'click' || type === 'add_to_cart'))
      identity.touchItem(event.itemId);
    queue.enqueue(event);
    return event.id ?? null;
  };

  const merge = async (customerId: string, signed: Omit<IdentifyOptions, 'token'>): Promise<MergeResult | null> => {
    if (identity.isMerged(customerId)) return null;
    const anonymousId = identity.anonymousId();
    const body = {
      anonymousId,
      customerId,
      ...(signed.signature !== undefined ? { signature: signed.signature } : {}),
      ...(signed.signedAt !== undefined ? { signedAt: signed.signedAt } : {}),
    };
    const result = await http.request<MergeResult>('POST', '/v1/identities/merge', { body });
    identity.markMerged(customerId, anonymousId);
    return result;
  };

  const client: DaogouClient = {
    track,
    view: (itemId, extra) => track('view', { itemId, ...extra }),
    click: (itemId, extra) => track('click', { itemId, ...extra }),
    addToCart: (itemId, extra) => track('add_to_cart', { itemId, quantity: 1, ...extra }),
    removeFromCart: (itemId, extra) => track('remove_from_cart', { itemId, quantity: 1, ...extra }),
    purchase(order) {
      requireId('orderId', order.orderId);
      const currency = order.currency !== undefined ? { currency: order.currency } : {};
      return order.items
        .map((line) => track('purchase', { quantity: 1, ...line, orderId: order.orderId, ...currency }))
        .filter((id): id is string => id !== null);
    },
    trackSearch: (query, extra) => track('search', { query, ...extra }),
    rate: (itemId, rating, extra) => track('rating', { itemId, rating, ...extra }),
    review: (itemId, text, extra) => track('review', { itemId, review: text, ...extra }),
    wishlist: (itemId, extra) => track('wishlist', { itemId, ...extra }),

    async identify(customerId, identifyOptions = {}) {
      requireId('customerId', customerId);
      const previous = identity.customerId();
      // Another customer on the same device must not inherit the first one's anonymous history.
      if (previous !== null && previous !== customerId) client.reset();
      identity.setCustomer(customerId, identifyOptions.token);
      const { token: _token, ...signed } = identifyOptions;
      if (!analytics) {
        pendingMerge = { customerId, ...signed };
        return null;
      }
      return merge(customerId, signed);
    },

    reset() {
      identity.reset();
      pendingMerge = undefined;
    },

    consent(choice) {
      const granted = choice.analytics === true;
      storage.setDurable(CONSENT_KEY, granted ? 'granted' : 'denied');
      if (granted === analytics) return;
      analytics = granted;
      // The logged-in customer is the shop's own knowledge, so it survives the switch (in memory without consent).
      const customerId = identity.customerId();
      const token = identity.customerToken();
      if (!granted) queue.clear();
      storage.setPersistent(granted, Object.values(STORAGE_KEYS));
      if (customerId !== null) identity.setCustomer(customerId, token ?? undefined);
      if (granted && pendingMerge) {
        const { customerId: pending, ...signed } = pendingMerge;
        pendingMerge = undefined;
        merge(pending, signed).catch((error: unknown) => {
          if (error instanceof DaogouError) onError(error, { events: [], dropped: true });
        });
      }
    },

    visitor: () => ({
      analytics,
      anonymousId: visitor.anonymousId(),
      customerId: identity.customerId(),
      sessionId: analytics ? identity.currentSessionId() : null,
    }),

    flush: () => queue.flush(),

    async close() {
      removePageListener();
      await queue.flush();
      queue.stop();
    },

    recommendations: new RecommendationsApi(http, visitor),
    experiments: new ExperimentsApi(http, visitor),
    messaging: new MessagingApi(http, visitor),
    assistant: new AssistantApi(http, visitor),
    // The visitor's anonymous id (none without consent) gets them their price under a running price experiment.
    item: (itemId, itemOptions) =>
      http.request<Item>('GET', `/v1/items/${encodeURIComponent(itemId)}`, {
        query: { anonymousId: visitor.anonymousId() ?? undefined },
        ...(itemOptions?.signal ? { signal: itemOptions.signal } : {}),
      }),
    reviewSummary: (itemId, summaryOptions) =>
      http.request<ItemReviewSummary>('GET', `/v1/items/${encodeURIComponent(itemId)}/reviews`, {
        ...(summaryOptions?.signal ? { signal: summaryOptions.signal } : {}),
      }),
    search: (query, searchOptions) => searchApi.search(query, searchOptions),
    autocomplete: (prefix, autocompleteOptions) => searchApi.autocomplete(prefix, autocompleteOptions),
  };
  return client;
}
