/** Who the visitor is: an anonymous id, a session that rotates after inactivity, the identified customer. */
import { randomId } from './ids.js';
import type { ConsentedStorage } from './storage.js';

/** Storage keys; all of them are erased when analytics consent is withdrawn. */
export const STORAGE_KEYS = {
  anonymousId: 'daogou.anonymousId',
  session: 'daogou.session',
  customer: 'daogou.customer',
  recent: 'daogou.recentItems',
  outbox: 'daogou.outbox',
} as const;

/** The consent choice is kept apart: remembering a "no" is what makes it stick. */
export const CONSENT_KEY = 'daogou.consent';

/** Sessions end after 30 minutes without activity, as web analytics usually count them. */
export const DEFAULT_SESSION_TIMEOUT_MS = 30 * 60 * 1000;

/** How many recently viewed items are kept for anonymous recommendations. */
export const RECENT_ITEMS = 20;

interface SessionRecord {
  id: string;
  lastSeen: number;
}
interface CustomerRecord {
  customerId: string;
  /** The customer token the shop's server issued (sent as X-Customer-Token). */
  token?: string;
  /** The anonymous id already merged into this customer, so a repeated identify() sends nothing. */
  mergedAnonymousId?: string;
}

/** The visitor's identity, read and written through consent-aware storage on every use (tabs share it). */
export class Identity {
  constructor(
    private readonly storage: ConsentedStorage,
    private readonly now: () => number,
    private readonly sessionTimeoutMs = DEFAULT_SESSION_TIMEOUT_MS,
  ) {}

  /** The anonymous id, created on first use. */
  anonymousId(): string {
    let id = this.storage.get(STORAGE_KEYS.anonymousId);
    if (!id) {
      id = randomId();
      this.storage.set(STORAGE_KEYS.anonymousId, id);
    }
    return id;
  }

  /** The current session id; counts as activity, and starts a new session after the inactivity timeout. */
  sessionId(): string {
    const now = this.now();
    const stored = this.storage.getJson<SessionRecord>(STORAGE_KEYS.session);
    const expired = !stored || typeof stored.id !== 'string' || now - stored.lastSeen > this.sessionTimeoutMs;
    const session = expired ? { id: randomId(), lastSeen: now } : { id: stored.id, lastSeen: now };
    this.storage.setJson(STORAGE_KEYS.session, session);
    return session.id;
  }

  /** The session id if a session is active, without counting as activity. */
  currentSessionId(): string | null {
    const stored = this.storage.getJson<SessionRecord>(STORAGE_KEYS.session);
    const active = stored && typeof stored.id === 'string' && this.now() - stored.lastSeen <= this.sessionTimeoutMs;
    return active ? stored.id : null;
  }

  /** The identified customer, or null for an anonymous visitor. */
  customerId(): string | null {
    return this.storage.getJson<CustomerRecord>(STORAGE_KEYS.customer)?.customerId ?? null;
  }

  /** Records the identified customer and their token (keeping the merge mark when it is the same customer). */
  setCustomer(customerId: string, token?: string): void {
    const stored = this.storage.getJson<CustomerRecord>(STORAGE_KEYS.customer);
    if (stored?.customerId === customerId) {
      if (token !== undefined && stored.token !== token)
        this.storage.setJson(STORAGE_KEYS.customer, { ...stored, token });
      return;
    }
    this.storage.setJson(STORAGE_KEYS.customer, { customerId, ...(token !== undefined ? { token } : {}) });
  }

  /** The identified customer's token, or null. */
  customerToken(): string | null {
    return this.storage.getJson<CustomerRecord>(STORAGE_KEYS.customer)?.token ?? null;
  }

  /** Whether the current anonymous id was already merged into this customer. */
  isMerged(customerId: string): boolean {
    const stored = this.storage.getJson<CustomerRecord>(STORAGE_KEYS.customer);
    const anonymousId = this.storage.get(STORAGE_KEYS.anonymousId);
    return stored?.customerId === customerId && anonymousId !== null && stored.mergedAnonymousId === anonymousId;
  }

  /** Marks the current anonymous id as merged into the customer. */
  markMerged(customerId: string, anonymousId: string): void {
    const token = this.customerToken();
    this.storage.setJson(STORAGE_KEYS.customer, {
      customerId,
      mergedAnonymousId: anonymousId,
      ...(token !== null ? { token } : {}),
    });
  }

  /** Item ids the visitor touched lately, oldest first. */
  recentItems(): string[] {
    const items = this.storage.getJson<unknown>(STORAGE_KEYS.recent);
    return Array.isArray(items) ? items.filter((x): x is string => typeof x === 'string') : [];
  }

  /** Moves an item to the end of the recent list, keeping the newest RECENT_ITEMS. */
  touchItem(itemId: string): void {
    const items = this.recentItems().filter((id) => id !== itemId);
    items.push(itemId);
    this.storage.setJson(STORAGE_KEYS.recent, items.slice(-RECENT_ITEMS));
  }

  /** Forgets the visitor (log out): the next call makes a new anonymous id and session. */
  reset(): void {
    for (const key of [STORAGE_KEYS.anonymousId, STORAGE_KEYS.session, STORAGE_KEYS.customer, STORAGE_KEYS.recent])
      this.storage.remove(key);
  }
}
