/** Shapes of the API answers the console reads (mirrors src/server/routes/*; only the fields used). */

/** A catalogue item. */
export interface Item {
  id: string;
  title: string;
  description: string | null;
  category: string | null;
  brand: string | null;
  price: number | null;
  currency: string | null;
  stock: number | null;
  attributes: Record<string, unknown>;
  images: string[];
  tags: string[];
  /** Per-language title, description and category (the field list matches the API's; see test/web/console-types.test.ts). */
  translations: Record<string, { title?: string; description?: string; category?: string }>;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

/** A customer record. */
export interface Customer {
  id: string;
  traits: Record<string, unknown>;
  consent: { email: boolean; sms: boolean; push: boolean };
  createdAt: string;
  updatedAt: string;
}

/** An event as the timeline returns it. */
export interface EventView {
  id: string;
  type: string;
  customerId: string | null;
  itemId: string | null;
  quantity: number | null;
  price: number | null;
  revenue: number | null;
  currency: string | null;
  orderId: string | null;
  query: string | null;
  rating: number | null;
  review: string | null;
  channel: string;
  timestamp: string;
  properties: Record<string, unknown>;
}

/** `{ items, next }` style answers. */
export type Paged<K extends string, T> = { [P in K]: T[] } & { next: string | null };

/** Weighted preference (category, brand or price band). */
export interface Preference {
  key: string;
  weight: number;
}

/** GET /v1/customers/:id/profile. */
export interface CustomerInsight {
  customerId: string;
  profile: {
    firstSeen: string;
    lastSeen: string;
    firstOrder: string | null;
    lastOrder: string | null;
    orders: number;
    revenue: number;
    averageOrderValue: number;
    daysSinceLastOrder: number | null;
    lifecycle: string;
    categories: Preference[];
    brands: Preference[];
    priceBands: Preference[];
    channels: string[];
    behaviour: Record<string, number>;
    updatedAt: string;
  };
  scores: {
    rfm: { r: number; f: number; m: number; group: string } | null;
    pAlive: number | null;
    expectedPurchases: number | null;
    predictedClv: number | null;
    churnRisk: number | null;
    nextOrderAt: string | null;
    cluster: number | null;
    computedAt: string;
  } | null;
  segments: { id: string; name: string; enteredAt: string }[];
}

/** A recommendation reason. */
export interface Reason {
  type: string;
  text: string;
  itemId?: string;
}

/** GET /v1/recommendations/customers/:id. */
export interface Recommendations {
  recommendationId: string;
  model: { id: string; trainedAt: string } | null;
  items: { id: string; score: number; reasons: Reason[]; item: Item }[];
}

/** A background job. */
export interface Job {
  id: string;
  name: string;
  status: string;
  attempts: number;
  progress: number | null;
  message: string | null;
  result: unknown;
  lastError: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** A saved segment. */
export interface Segment {
  id: string;
  name: string;
  rule: string;
  description: string | null;
  size: number;
  createdAt: string;
  updatedAt: string;
  evaluatedAt: string | null;
}

/** One query in the search analytics. */
export interface QueryCount {
  query: string;
  searches: number;
  zeroResults: number;
  clicked: number;
}

/** GET /v1/search/stats. */
export interface SearchStats {
  since: string;
  searches: number;
  distinctQueries: number;
  zeroResultSearches: number;
  zeroResultRate: number;
  searchesWithSession: number;
  clickThroughRate: number;
  topQueries: QueryCount[];
  zeroResultQueries: QueryCount[];
}

/** GET /v1/customers/analytics. */
export interface AnalyticsOverview {
  lastRun: { id: string; asOf: string; computedAt: string } | null;
  profiles: number;
  rfmGroups: Record<string, number>;
  params: Record<string, unknown> | null;
  notes: string[];
  clusters: { id: number; size: number; description: string; category: string | null }[];
}

/** Period totals of the overview. */
export interface OverviewTotals {
  events: number;
  activeCustomers: number;
  newCustomers: number;
  orders: number;
  revenue: number;
  sessions: number;
  convertedSessions: number;
  conversion: number;
}

/** GET /v1/stats/overview (times as ISO strings or epoch ms: the console accepts both). */
export interface Overview {
  from: string | number;
  to: string | number;
  interval: 'day' | 'hour';
  totals: OverviewTotals;
  previous: { from: string | number; to: string | number; totals: OverviewTotals };
  series: { start: string | number; events: number; activeCustomers: number; orders: number; revenue: number }[];
  channels: { channel: string; events: number; orders: number; revenue: number }[];
  eventTypes: { type: string; events: number }[];
}

/** GET /v1/stats. */
export interface StoreStats {
  items: number;
  customers: number;
  events: { total: number; orders: number; revenue: number; firstAt: string | null; lastAt: string | null };
}

/** A time the API may give as ISO text or epoch ms (routes still landing differ). */
export type Time = string | number;

/** GET /v1/recommendations/models. */
export interface ModelStatus {
  model: {
    id: string;
    trainedAt: Time;
    eventSeq: number;
    trainingSeconds: number | null;
    customers: number | null;
    items: number | null;
    interactions: number | null;
    validationNdcg: number | null;
    components: { name: string; weight: number }[];
    validation: {
      protocol: 'last' | 'basket' | 'random' | 'none';
      reason: string;
      tuning?: { component: string; chosen: string; tried: { label: string; ndcg: number }[] }[];
    } | null;
    bytes: number | null;
  } | null;
  evaluation: {
    evaluatedAt: Time;
    protocol: string;
    k: number;
    seed: number;
    maxUsers: number;
    users: number;
    interactions: number;
    items: number;
    rows: {
      model: string;
      hr: number;
      ndcg: number;
      precision: number;
      recall: number;
      mrr: number;
      map: number;
      coverage: number;
      fitSeconds: number;
    }[];
  } | null;
}

/** GET /v1/recommendations/attribution. */
export interface Attribution {
  since: string;
  surfaces: {
    surface: string;
    served: number;
    clicks: number;
    purchases: number;
    revenue: number;
    clickRate: number;
  }[];
}

/** An API key as listed (never its secret). */
export interface ApiKey {
  id: string;
  name: string;
  scope: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  current: boolean;
}

/** The result of a finished import job. */
export interface ImportSummary {
  file: string;
  bytes: number;
  lines: number;
  read: number;
  imported: Record<string, number>;
  duplicateEvents: number;
  rejected: number;
  rejections: { line: number; kind: string; issues: { field: string; message: string }[] }[];
  elapsedMs: number;
}

/** A store connection's synchronisation (GET /v1/connectors). */
export interface ConnectorSync {
  state: 'never' | 'queued' | 'running' | 'done' | 'failed';
  startedAt: number | null;
  finishedAt: number | null;
  counts: Record<string, number>;
  phase: string | null;
  errors: { at: number; message: string }[];
}

/** A connected store; credentials come only as their last characters. */
export interface Connector {
  id: string;
  platform: 'shopify' | 'woocommerce';
  name: string;
  baseUrl: string;
  credentials: Record<string, string>;
  webhookPath: string;
  sync: ConnectorSync;
  createdAt: string;
  updatedAt: string;
}
