/**
 * The storefront's connection to Daogou: /store/config.json gives the browser key and the demo shoppers,
 * and every API call goes through the SDK client made from them.
 */
import { createClient, type DaogouClient } from '@daogou/sdk';
import { observable } from './observable.js';

/** A demo customer the visitor can browse as. */
export interface Shopper {
  id: string;
  name: string;
  description: string;
  /** The customer token the demo server issued: lets the browser key ask for this shopper's own lists. */
  token: string;
}

/** What GET /store/config.json returns. */
export interface StoreConfig {
  publicKey: string | null;
  shoppers: Shopper[];
}

/** Where the storefront is in starting up. */
export type Connection =
  | { status: 'loading' }
  | { status: 'ready'; config: StoreConfig; client: DaogouClient }
  | { status: 'failed'; reason: 'no-key' | 'unreachable' };

// Declared before identity$ below, which reads it while the module initialises.
const SHOPPER_KEY = 'daogou-store.shopper';

/** The connection state, for the header and the pages. */
export const connection$ = observable<Connection>({ status: 'loading' });

/** Who the visitor browses as (null: anonymous) and a counter that moves on every switch, so lists reload. */
export const identity$ = observable<{ shopperId: string | null; version: number }>({
  shopperId: loadShopperChoice(),
  version: 0,
});

function loadShopperChoice(): string | null {
  try {
    return localStorage.getItem(SHOPPER_KEY) || null;
  } catch {
    return null;
  }
}

function saveShopperChoice(id: string | null): void {
  try {
    if (id === null) localStorage.removeItem(SHOPPER_KEY);
    else localStorage.setItem(SHOPPER_KEY, id);
  } catch {
    // Not remembered across reloads; the switch still applies to this page.
  }
}

let resolveClient: (client: DaogouClient) => void = () => {};
/** Resolves with the SDK client once the configuration has been read (never, when the store has no key). */
export const clientReady: Promise<DaogouClient> = new Promise((resolve) => (resolveClient = resolve));

function parseConfig(value: unknown): StoreConfig {
  const raw = (typeof value === 'object' && value !== null ? value : {}) as Partial<StoreConfig>;
  const shoppers = Array.isArray(raw.shoppers) ? raw.shoppers.filter((s) => typeof s?.id === 'string') : [];
  return { publicKey: typeof raw.publicKey === 'string' ? raw.publicKey : null, shoppers };
}

/** Reads the configuration and makes the client; called once, before the first render. */
export async function connect(): Promise<void> {
  let config: StoreConfig;
  try {
    const response = await fetch('/store/config.json', { headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`config: HTTP ${response.status}`);
    config = parseConfig(await response.json());
  } catch (error) {
    console.warn('daogou store: cannot read /store/config.json', error);
    connection$.set({ status: 'failed', reason: 'unreachable' });
    return;
  }
  if (config.publicKey === null) {
    connection$.set({ status: 'failed', reason: 'no-key' });
    return;
  }
  const client = createClient({
    baseUrl: window.location.origin,
    apiKey: config.publicKey,
    // The demo exists to show personalisation, and says so in its footer; a real shop asks first.
    consent: { analytics: true },
    flushIntervalMs: 1000,
    onError: (error, failure) => console.warn('daogou store: events not delivered', error.message, failure),
  });
  // The SDK remembers the identified customer itself; follow the visitor's remembered choice if they differ,
  // and hand it the current token (the last one may have expired) when they agree.
  const wanted = identity$.get().shopperId;
  if (client.visitor().customerId !== wanted) applyIdentity(client, config, wanted);
  else if (wanted !== null) void signIn(client, config, wanted);
  connection$.set({ status: 'ready', config, client });
  resolveClient(client);
}

function applyIdentity(client: DaogouClient, config: StoreConfig, shopperId: string | null): void {
  // A demo switch, not a login: a fresh anonymous id each time keeps one shopper's clicks out of another's history.
  client.reset();
  if (shopperId === null) return;
  void signIn(client, config, shopperId);
}

/**
 * What a shop's login does: its server signs the merge of this browser's anonymous id into the customer
 * (the demo server plays that part at /store/sign-in) and hands over the customer token.
 */
async function signIn(client: DaogouClient, config: StoreConfig, shopperId: string): Promise<void> {
  const token = config.shoppers.find((s) => s.id === shopperId)?.token;
  const anonymousId = client.visitor().anonymousId;
  try {
    let signed: { signature?: string; signedAt?: number } = {};
    if (anonymousId !== null) {
      const response = await fetch('/store/sign-in', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ shopperId, anonymousId }),
      });
      if (response.ok) signed = (await response.json()) as { signature: string; signedAt: number };
    }
    await client.identify(shopperId, { ...(token ? { token } : {}), ...signed });
  } catch (error) {
    // Without a merge the later events still reach the customer through the token, so personal lists keep working.
    console.warn('daogou store: identify could not merge the anonymous history', error);
  }
}

/** Browses as a demo shopper (null: anonymous visitor), remembers the choice and reloads the lists. */
export function browseAs(shopperId: string | null): void {
  const connection = connection$.get();
  if (connection.status === 'ready') applyIdentity(connection.client, connection.config, shopperId);
  saveShopperChoice(shopperId);
  identity$.set({ shopperId, version: identity$.get().version + 1 });
}

/**
 * Sends queued events before a personal list is asked for, so the list reflects the latest view or click;
 * gives up waiting after `ms` (an unreachable server must not hold the page).
 */
export async function flushFirst(client: DaogouClient, ms = 1500): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([client.flush(), new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
