/**
 * Store connections: create and list them (credentials never shown again), import a store's history from
 * its REST API (run as a background job, with progress and errors kept for the console), and take its
 * webhooks (signature checked on the raw body before anything is parsed or stored).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { ForbiddenError, NotFoundError, ValidationError, type FieldIssue } from '../../domain/index.js';
import type { Clock } from '../../platform/clock.js';
import type { ConnectorRecord, ConnectorSync } from '../../store/repositories/connector-repository.js';
import type { Store } from '../../store/store.js';
import { readPages, type Fetch } from '../rest-pages.js';
import { SHOPIFY_COLLECTIONS, shopifySource } from '../shopify/shopify-source.js';
import { shopifyBatch, shopifyWebhookBatch } from '../shopify/shopify-batches.js';
import { verifyWebhookSignature } from '../webhook-signature.js';
import { WOO_COLLECTIONS, wooSource } from '../woocommerce/woocommerce-source.js';
import { wooBatch, wooWebhookBatch } from '../woocommerce/woocommerce-batches.js';
import type { EcommerceIntake, IntakeBatch } from './ecommerce-intake.js';

/** What a merchant gives to connect a store. */
export interface ConnectorInput {
  platform: 'shopify' | 'woocommerce';
  name?: string;
  /** The store's address: https://<shop>.myshopify.com, or the WordPress site for WooCommerce. */
  baseUrl: string;
  /** Shopify: the Admin API access token. */
  accessToken?: string;
  /** WooCommerce: the REST API key pair. */
  consumerKey?: string;
  consumerSecret?: string;
  /** Shopify: the app's API secret (it signs webhooks). WooCommerce: the webhooks' secret; generated if absent. */
  webhookSecret?: string;
}

/** What may change on a connection: its name, address and credentials, each only when given. */
export type ConnectorChange = Partial<Omit<ConnectorInput, 'platform'>>;

/** A connection as shown: credentials reduced to their last characters. */
export interface ConnectorView {
  id: string;
  platform: ConnectorRecord['platform'];
  name: string;
  baseUrl: string;
  credentials: Record<string, string>;
  /** Where the platform should send webhooks (relative to this server). */
  webhookPath: string;
  sync: ConnectorSync;
  createdAt: string;
  updatedAt: string;
}

const NEVER: ConnectorSync = { state: 'never', startedAt: null, finishedAt: null, counts: {}, phase: null, errors: [] };
const MAX_ERRORS = 20;

/** The webhook topics each platform sends that Daogou takes. */
export const WEBHOOK_TOPICS = {
  shopify: [
    'products/create',
    'products/update',
    'customers/create',
    'customers/update',
    'orders/create',
    'orders/updated',
    'orders/paid',
    'checkouts/create',
    'checkouts/update',
  ],
  woocommerce: [
    'product.created',
    'product.updated',
    'customer.created',
    'customer.updated',
    'order.created',
    'order.updated',
  ],
} as const;

/** Manages store connections. */
export class ConnectorService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly intake: EcommerceIntake,
    private readonly fetchPage: Fetch = fetch,
  ) {}

  /** Stores a new connection after checking what the platform needs; returns it with the webhook secret once. */
  async create(given: ConnectorInput): Promise<{ connector: ConnectorView; webhookSecret: string }> {
    const input = { ...given, baseUrl: withScheme(given.baseUrl) };
    const issues = inputIssues(input);
    if (issues.length > 0) throw new ValidationError(issues);
    const now = this.clock();
    const webhookSecret = input.webhookSecret ?? randomBytes(24).toString('base64url');
    const credentials: Record<string, string> =
      input.platform === 'shopify'
        ? { accessToken: input.accessToken! }
        : { consumerKey: input.consumerKey!, consumerSecret: input.consumerSecret! };
    const record: ConnectorRecord = {
      id: randomUUID(),
      platform: input.platform,
      name: input.name ?? new URL(input.baseUrl).hostname,
      baseUrl: input.baseUrl.replace(/\/+$/, ''),
      credentials,
      webhookSecret,
      sync: NEVER,
      createdAt: now,
      updatedAt: now,
    };
    await this.store.connectors.insert(record);
    return { connector: view(record), webhookSecret };
  }

  /**
   * Changes a connection's name, address or credentials in place (after a refused token, say), so its id and
   * webhook address stay; fields the platform does not use are refused, and nothing is stored on any problem.
   */
  async update(id: string, change: ConnectorChange): Promise<ConnectorView> {
    const record = await this.record(id);
    const foreign =
      record.platform === 'shopify' ? (['consumerKey', 'consumerSecret'] as const) : (['accessToken'] as const);
    const issues: FieldIssue[] = foreign
      .filter((field) => change[field] !== undefined)
      .map((field) => ({ field, message: `is not used by ${record.platform}` }));
    const baseUrl = change.baseUrl !== undefined ? withScheme(change.baseUrl) : record.baseUrl;
    if (change.baseUrl !== undefined) issues.push(...urlIssues(baseUrl));
    for (const [field, value] of Object.entries(change))
      if (typeof value === 'string' && value.trim() === '') issues.push({ field, message: 'must not be empty' });
    if (issues.length > 0) throw new ValidationError(issues);
    const credentials = { ...record.credentials };
    for (const field of ['accessToken', 'consumerKey', 'consumerSecret'] as const) {
      const value = change[field];
      if (value !== undefined) credentials[field] = value;
    }
    const updated: ConnectorRecord = {
      ...record,
      name: change.name ?? record.name,
      baseUrl: baseUrl.replace(/\/+$/, ''),
      credentials,
      webhookSecret: change.webhookSecret ?? record.webhookSecret,
      updatedAt: this.clock(),
    };
    await this.store.connectors.updateSettings(updated);
    return view(updated);
  }

  /** All connections. */
  async list(): Promise<ConnectorView[]> {
    return (await this.store.connectors.list()).map(view);
  }

  /** One connection (404 when unknown). */
  async get(id: string): Promise<ConnectorView> {
    return view(await this.record(id));
  }

  /**
   * A connection named the way a person types it: its id, its name, or the start of its id (at least 4
   * characters) when only one matches. Unknown or ambiguous names are a 404 naming the problem.
   */
  async find(ref: string): Promise<ConnectorView> {
    const exact = await this.store.connectors.get(ref);
    if (exact) return view(exact);
    const all = await this.store.connectors.list();
    const byName = all.filter((r) => r.name === ref);
    const byPrefix = ref.length >= 4 ? all.filter((r) => r.id.startsWith(ref)) : [];
    const matches = byName.length > 0 ? byName : byPrefix;
    if (matches.length === 1) return view(matches[0]!);
    if (matches.length > 1)
      throw new NotFoundError(
        `"${ref}" names ${matches.length} connectors: give the id (${matches.map((r) => r.id).join(', ')})`,
      );
    throw new NotFoundError(`connector "${ref}" does not exist`);
  }

  /** Removes a connection (its imported data stays: it is the store's history). */
  async delete(id: string): Promise<void> {
    if (!(await this.store.connectors.delete(id))) throw new NotFoundError(`connector "${id}" does not exist`);
  }

  /** Marks a synchronisation queued (the job runs it). */
  async markQueued(id: string): Promise<void> {
    await this.changeSync(id, (current) => ({ ...current, state: 'queued' }));
  }

  /** Imports the store's history, page by page; progress and failures are kept on the connection. */
  async sync(
    id: string,
    onProgress: (message: string, sync: ConnectorSync) => void = () => undefined,
  ): Promise<ConnectorSync> {
    const record = await this.record(id);
    const startedAt = this.clock();
    // This import's own counts; webhooks received meanwhile are the connection's and are kept as stored.
    const counts: Record<string, number> = {};
    await this.changeSync(id, (current) => ({
      ...current,
      state: 'running',
      startedAt,
      finishedAt: null,
      counts: withImportCounts(current, counts),
      phase: null,
    }));
    try {
      for (const [collection, source, toBatch] of this.collections(record)) {
        // Shown at once, so a slow first page reads as "importing orders", not as the previous collection.
        await this.changeSync(id, (current) => ({ ...current, phase: collection }));
        for await (const page of readPages(source, this.fetchPage)) {
          await this.intake.write(toBatch(page));
          counts[collection] = (counts[collection] ?? 0) + page.length;
          const sync = await this.changeSync(id, (current) => ({
            ...current,
            counts: withImportCounts(current, counts),
          }));
          onProgress(`${collection}: ${counts[collection].toLocaleString('en')} read`, sync);
        }
      }
    } catch (error) {
      const at = this.clock();
      await this.changeSync(id, (current) =>
        withError({ ...current, state: 'failed', finishedAt: at }, at, (error as Error).message),
      );
      throw error;
    }
    const finishedAt = this.clock();
    return this.changeSync(id, (current) => ({ ...current, state: 'done', phase: null, finishedAt }));
  }

  /**
   * A webhook delivery: verified against the connection's secret on the raw body, then stored. A bad
   * signature is refused (and noted on the connection) before the body is read.
   */
  async webhook(
    id: string,
    topic: string | undefined,
    rawBody: Buffer,
    signature: string | undefined,
  ): Promise<{ stored: number; topic: string }> {
    const record = await this.record(id);
    // WooCommerce checks a new webhook's address with an unsigned, topic-less ping (`webhook_id=<n>`) and
    // will not save the webhook unless it gets a 200. It carries nothing and stores nothing: answer it.
    if (record.platform === 'woocommerce' && topic === undefined && /^webhook_id=\d+$/.test(rawBody.toString('utf8')))
      return { stored: 0, topic: '' };
    if (!verifyWebhookSignature(record.webhookSecret, rawBody, signature)) {
      const at = this.clock();
      await this.changeSync(id, (current) =>
        withError(current, at, `webhook ${topic ?? '(no topic)'} refused: bad signature`),
      );
      throw new ForbiddenError('the webhook signature does not match this connection’s secret');
    }
    const known = WEBHOOK_TOPICS[record.platform] as readonly string[];
    if (topic === undefined || !known.includes(topic)) {
      // Platforms send a ping on creation (WooCommerce: "webhook_id=…") and topics we do not take: accept, store nothing.
      return { stored: 0, topic: topic ?? '' };
    }
    let payload: Record<string, unknown>;
    try {
      payload = JSON.parse(rawBody.toString('utf8')) as Record<string, unknown>;
    } catch {
      throw new ValidationError([{ field: 'body', message: 'the webhook body is not JSON' }]);
    }
    const batch: IntakeBatch =
      record.platform === 'shopify' ? shopifyWebhookBatch(topic, payload) : wooWebhookBatch(topic, payload);
    const result = await this.intake.write(batch);
    await this.changeSync(id, (current) => ({
      ...current,
      counts: { ...current.counts, webhooks: (current.counts.webhooks ?? 0) + 1 },
    }));
    return { stored: result.items + result.customers + result.events.stored, topic };
  }

  private collections(record: ConnectorRecord) {
    const c = record.credentials;
    if (record.platform === 'shopify') {
      return SHOPIFY_COLLECTIONS.map(
        (name) =>
          [
            name,
            shopifySource(record.baseUrl, c.accessToken ?? '', name),
            (page: Record<string, unknown>[]) => shopifyBatch(name, page),
          ] as const,
      );
    }
    return WOO_COLLECTIONS.map(
      (name) =>
        [
          name,
          wooSource(record.baseUrl, c.consumerKey ?? '', c.consumerSecret ?? '', name),
          (page: Record<string, unknown>[]) => wooBatch(name, page),
        ] as const,
    );
  }

  private async record(id: string): Promise<ConnectorRecord> {
    const record = await this.store.connectors.get(id);
    if (!record) throw new NotFoundError(`connector "${id}" does not exist`);
    return record;
  }

  /** Changes the stored synchronisation state in one transaction, from what is stored at that moment. */
  private async changeSync(id: string, change: (current: ConnectorSync) => ConnectorSync): Promise<ConnectorSync> {
    const at = this.clock();
    const sync = await this.store.transaction((repos) => repos.connectors.updateSync(id, change, at));
    if (!sync) throw new NotFoundError(`connector "${id}" does not exist`);
    return sync;
  }
}

/** An import's counts, with the connection's webhook count as stored (webhooks arrive during imports). */
function withImportCounts(current: ConnectorSync, counts: Record<string, number>): Record<string, number> {
  const webhooks = current.counts.webhooks;
  return webhooks === undefined ? { ...counts } : { ...counts, webhooks };
}

function withError(sync: ConnectorSync, at: number, message: string): ConnectorSync {
  return { ...sync, errors: [{ at, message: message.slice(0, 500) }, ...sync.errors].slice(0, MAX_ERRORS) };
}

/** A bare shop domain (johns-apparel.myshopify.com, as Shopify's admin shows it) gets https://; stores speak it. */
function withScheme(baseUrl: string): string {
  const trimmed = typeof baseUrl === 'string' ? baseUrl.trim() : baseUrl;
  return typeof trimmed === 'string' && /^[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?(\/\S*)?$/i.test(trimmed)
    ? `https://${trimmed}`
    : trimmed;
}

/** Problems of a store address: it must be an http(s) URL. */
function urlIssues(baseUrl: string): FieldIssue[] {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return [{ field: 'baseUrl', message: 'must be the store’s address, e.g. https://example.myshopify.com' }];
  }
  return /^https?:$/.test(url.protocol) ? [] : [{ field: 'baseUrl', message: 'must be an http(s) URL' }];
}

function inputIssues(input: ConnectorInput): FieldIssue[] {
  const issues: FieldIssue[] = urlIssues(input.baseUrl);
  if (input.platform === 'shopify') {
    if (!input.accessToken) issues.push({ field: 'accessToken', message: 'Shopify needs the Admin API access token' });
    if (!input.webhookSecret)
      issues.push({ field: 'webhookSecret', message: 'Shopify needs the app’s API secret, which signs its webhooks' });
  } else if (input.platform === 'woocommerce') {
    if (!input.consumerKey)
      issues.push({ field: 'consumerKey', message: 'WooCommerce needs the REST API consumer key' });
    if (!input.consumerSecret)
      issues.push({ field: 'consumerSecret', message: 'WooCommerce needs the REST API consumer secret' });
  } else {
    issues.push({ field: 'platform', message: 'must be shopify or woocommerce' });
  }
  return issues;
}

const hint = (secret: string) => (secret.length <= 4 ? '…' : `…${secret.slice(-4)}`);

function view(r: ConnectorRecord): ConnectorView {
  return {
    id: r.id,
    platform: r.platform,
    name: r.name,
    baseUrl: r.baseUrl,
    credentials: Object.fromEntries(Object.entries(r.credentials).map(([k, v]) => [k, hint(v)])),
    webhookPath: `/v1/connectors/${r.id}/webhooks`,
    sync: r.sync,
    createdAt: new Date(r.createdAt).toISOString(),
    updatedAt: new Date(r.updatedAt).toISOString(),
  };
}
