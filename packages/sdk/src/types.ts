/**
 * The wire types of the Daogou API, written by hand to mirror the server's schemas exactly
 * (src/domain/event.ts, src/domain/item.ts, src/server/routes/*-schemas.ts); `types.test.ts` checks that
 * they stay identical, so the SDK needs no code generator and no runtime dependency.
 */

/** A built-in event type. */
export type StandardEventType =
  | 'view'
  | 'click'
  | 'add_to_cart'
  | 'remove_from_cart'
  | 'purchase'
  | 'refund'
  | 'rating'
  | 'review'
  | 'search'
  | 'wishlist';

/** A built-in type or a custom one such as `custom:newsletter_signup` (lower case, digits, `_.-`). */
export type EventType = StandardEventType | `custom:${string}`;

/** Where an event happened. */
export type Channel = 'web' | 'app' | 'store' | 'social' | 'email' | 'other';

/** An event as `POST /v1/events/batch` takes it; the client fills id, time, channel and visitor ids. */
export interface EventInput {
  /** Idempotency key: an id sent twice is stored once. */
  id?: string;
  type: EventType;
  customerId?: string;
  anonymousId?: string;
  itemId?: string;
  quantity?: number;
  /** Unit price. */
  price?: number;
  /** Line or order revenue. */
  revenue?: number;
  /** ISO 4217 code, e.g. `CNY`. */
  currency?: string;
  orderId?: string;
  query?: string;
  /** 0–5. */
  rating?: number;
  review?: string;
  channel?: Channel;
  sessionId?: string;
  /** The `recommendationId` of the list this click or purchase came from (attribution). */
  recommendationId?: string;
  /** ISO 8601 string or epoch milliseconds. */
  timestamp?: string | number;
  properties?: Record<string, unknown>;
  /**
   * Your server's signature of the event (purchases, refunds and `custom:*` events need one with a
   * browser key); see docs/security.md.
   */
  signature?: string;
}

/** The answer to a tracking request. */
export interface TrackResult {
  received: number;
  stored: number;
  /** Events whose id was already stored (not stored again). */
  duplicates: number;
  ids: string[];
}

/** The answer to `POST /v1/identities/merge`. */
export interface MergeResult {
  anonymousId: string;
  customerId: string;
  /** Earlier events of the anonymous id now attributed to the customer. */
  eventsAttributed: number;
  /** The id of the `identify` event the server logged. */
  eventId: string;
}

/** One offending field of a request; `index` is the record's position in a batch. */
export interface ProblemIssue {
  index?: number;
  field: string;
  message: string;
}

/** An RFC 9457 problem+json body, as every Daogou error response carries. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: ProblemIssue[];
}

/** An item attribute value. */
export type AttributeValue = string | number | boolean | string[];

/** An item's text in another language. */
export interface ItemTranslation {
  title?: string;
  description?: string;
  category?: string;
}

/**
 * Set on an item when a running price experiment decides the price this visitor sees: `price` is then their
 * variant's price (show it, and charge it), `regularPrice` the catalogue's.
 */
export interface PriceExperimentTag {
  /** The experiment's id. */
  id: string;
  name: string;
  /** The visitor's variant, e.g. `control` or `treatment`. */
  variant: string;
  /** The catalogue price, which visitors outside the experiment see. */
  regularPrice: number | null;
}

/** A catalogue item as recommendations return it. */
export interface Item {
  id: string;
  title: string;
  description: string | null;
  /** Category path, `/`-separated, e.g. `女装/连衣裙`. */
  category: string | null;
  brand: string | null;
  price: number | null;
  currency: string | null;
  /** Null when stock is not tracked. */
  stock: number | null;
  attributes: Record<string, AttributeValue>;
  images: string[];
  tags: string[];
  translations: Record<string, ItemTranslation>;
  active: boolean;
  createdAt: string;
  updatedAt: string;
  /** Present when a price experiment set `price` for this visitor. */
  priceExperiment?: PriceExperimentTag;
}

/** Why an item was recommended: `type` is because-you, bought-together, similar, trending, popular or for-you. */
export interface RecommendationReason {
  type: string;
  text: string;
  itemId?: string;
}

/** One recommended item with its score and reasons. */
export interface RecommendedItem {
  id: string;
  score: number;
  reasons: RecommendationReason[];
  item: Item;
}

/** A recommendation list; send `recommendationId` back on clicks and purchases. */
export interface Recommendations {
  recommendationId: string;
  /** The model that ranked the list; null while only popularity is available. */
  model: { id: string; trainedAt: string } | null;
  items: RecommendedItem[];
}

/** An item as search shows it. */
export interface SearchItem {
  id: string;
  title: string;
  description: string | null;
  category: string | null;
  brand: string | null;
  price: number | null;
  currency: string | null;
  stock: number | null;
  inStock: boolean;
  attributes: Record<string, unknown>;
  tags: string[];
  images: string[];
  translations: Record<string, ItemTranslation>;
  createdAt: string | null;
  /** Present when a price experiment set `price` for this visitor. */
  priceExperiment?: PriceExperimentTag;
}

/** One search hit. */
export interface SearchHit {
  id: string;
  score: number;
  /** Placed by a merchandising rule. */
  pinned: boolean;
  /** `title` is HTML-escaped with `<mark>` around matched words, safe to render as HTML. */
  highlights: { title: string; spans: number[][] } | null;
  item: SearchItem;
  /** The hit's text in the requested `locale`. */
  localized?: ItemTranslation;
}

/** A facet value and how many matches have it. */
export interface FacetCount {
  value: string;
  count: number;
}

/** A price band and how many matches fall in it (null: open end). */
export interface PriceBand {
  min: number | null;
  max: number | null;
  count: number;
}

/** Facet counts, present only for the facets asked for. */
export interface SearchFacets {
  category?: FacetCount[];
  brand?: FacetCount[];
  price?: PriceBand[];
  attributes?: Record<string, FacetCount[]>;
}

/** The filters the search applied, including those read from the query text (`300元以内`). */
export interface AppliedFilters {
  category?: string[];
  brand?: string[];
  priceMin?: number;
  priceMax?: number;
  inStock?: boolean;
  attributes?: Record<string, string[]>;
}

/** A page of search results. */
export interface SearchResults {
  query: string;
  total: number;
  page: number;
  pageSize: number;
  items: SearchHit[];
  facets: SearchFacets;
  didYouMean?: string;
  appliedFilters: AppliedFilters;
}

/** Suggestions while typing. */
export interface AutocompleteResult {
  queries: { query: string; count: number }[];
  items: { id: string; title: string; highlight: string | null; item: SearchItem }[];
}

/** A result order. */
export type SearchSort = 'relevance' | 'price_asc' | 'price_desc' | 'newest' | 'popularity';

/** What reviews say about one aspect of an item (quality, size, shipping…). */
export interface ReviewAspectSummary {
  /** Aspect id: quality, size, price, shipping, service, looks, durability, taste, packaging, comfort, performance, usability. */
  aspect: string;
  /** Reviews praising it, with short quotes from them. */
  positive: { reviews: number; quotes: string[] };
  /** Reviews criticising it, with short quotes. */
  negative: { reviews: number; quotes: string[] };
  /** Share of the aspect's reviews that are positive. */
  positiveShare: number;
}

/** GET /v1/items/{id}/reviews: an item's review sentiment and aspect pros and cons. */
export interface ItemReviewSummary {
  itemId: string;
  reviews: number;
  /** Mean probability that a review is positive (null without reviews). */
  meanScore: number | null;
  positiveShare: number | null;
  aspects: { reviews: number; aspects: ReviewAspectSummary[]; pros: string[]; cons: string[] };
  /** Set when the item's recent sentiment fell below its own baseline. */
  drop: {
    itemId: string;
    recentReviews: number;
    recentMean: number;
    baselineReviews: number;
    baselineMean: number;
    drop: number;
  } | null;
}

/** What the assistant understood and answered (`client.assistant.send`). */
export interface AssistantReply {
  /** Send it back to continue the conversation (the client does). */
  sessionId: string;
  /** The answer, in the shopper's language; only catalogue facts and the shop's own FAQ. */
  reply: string;
  /** find, refine, compare, item_question, size_advice, order_status, shipping, returns, payment, complaint, greeting, thanks or out_of_scope. */
  intent: string;
  /** The constraints in effect: category, colour, brand, priceMin, priceMax, size… */
  slots: Record<string, unknown>;
  /** Products shown, exactly as `client.item(id)` returns them. */
  items: Item[];
  /** Short follow-ups to offer as chips. */
  suggestions: string[];
  /** Who wrote the reply: the built-in rules, or the shop's optional model (grounding-checked). */
  source: 'builtin' | 'llm';
}
