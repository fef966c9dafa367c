/**
 * What the merchant's server signs for the browser, with the identity secret (HMAC-SHA256). The browser
 * key is public, so anything a page claims about who the visitor is, or about money, must carry one of
 * these. Each kind signs a distinct, newline-separated message (ids cannot hold control characters), so
 * a signature of one kind can never pass as another.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

function hmac(secret: string, message: string): Buffer {
  return createHmac('sha256', secret).update(message, 'utf8').digest();
}

function sameHex(expected: Buffer, given: string): boolean {
  if (!/^[0-9a-fA-F]{64}$/.test(given)) return false;
  return timingSafeEqual(expected, Buffer.from(given, 'hex'));
}

/** The message of a customer token: who, and until when (epoch seconds). */
function tokenMessage(customerId: string, expiresAt: number): string {
  return `daogou:customer-token:v1\n${customerId}\n${expiresAt}`;
}

/**
 * A customer token: `v1.<expiry, epoch seconds>.<customer id, base64url>.<hex HMAC>`. The merchant's
 * server issues it to the logged-in shopper's page; with it a browser key may act for that customer
 * (personal recommendations, personalised search, events naming the customer) until it expires.
 */
export function signCustomerToken(secret: string, customerId: string, expiresAtSeconds: number): string {
  const expires = Math.floor(expiresAtSeconds);
  const sig = hmac(secret, tokenMessage(customerId, expires)).toString('hex');
  return `v1.${expires}.${Buffer.from(customerId, 'utf8').toString('base64url')}.${sig}`;
}

/** What a presented token says, once its signature checks out. */
export type TokenCheck =
  { valid: true; customerId: string; expiresAt: number } | { valid: false; reason: 'malformed' | 'bad-signature' };

/** Checks a token's form and signature (not its expiry or customer: the caller decides what those mean). */
export function readCustomerToken(secret: string, token: string): TokenCheck {
  const parts = token.split('.');
  if (parts.length !== 4 || parts[0] !== 'v1' || !/^\d{1,12}$/.test(parts[1]!) || !/^[A-Za-z0-9_-]+$/.test(parts[2]!))
    return { valid: false, reason: 'malformed' };
  const expiresAt = Number(parts[1]);
  const customerId = Buffer.from(parts[2]!, 'base64url').toString('utf8');
  if (!sameHex(hmac(secret, tokenMessage(customerId, expiresAt)), parts[3]!))
    return { valid: false, reason: 'bad-signature' };
  return { valid: true, customerId, expiresAt };
}

/** The message of a merge: which anonymous id joins which customer, signed when (epoch ms). */
function mergeMessage(customerId: string, anonymousId: string, signedAt: number): string {
  return `daogou:merge:v1\n${customerId}\n${anonymousId}\n${signedAt}`;
}

/** Hex HMAC of a merge: binds the anonymous id to the customer, so a signature cannot move another visitor. */
export function signMerge(secret: string, customerId: string, anonymousId: string, signedAt: number): string {
  return hmac(secret, mergeMessage(customerId, anonymousId, signedAt)).toString('hex');
}

/** Whether a merge signature is the one for this pair and time; compared in constant time. */
export function mergeSignatureValid(
  secret: string,
  merge: { customerId: string; anonymousId: string; signedAt: number },
  signature: string,
): boolean {
  return sameHex(hmac(secret, mergeMessage(merge.customerId, merge.anonymousId, merge.signedAt)), signature);
}

/**
 * The fields of an event a signature covers: what, how many, how much, and its id (so a replay is a
 * duplicate). Not who: the server signs an order without knowing the browser's ids, and who an event may
 * name is the customer token's business.
 */
export interface SignedEventFields {
  id?: string | undefined;
  type: string;
  itemId?: string | undefined;
  quantity?: number | undefined;
  price?: number | undefined;
  revenue?: number | undefined;
  currency?: string | undefined;
  orderId?: string | undefined;
}

/** The message of an event: `daogou:event:v1` and a JSON array of the covered fields (absent ones null). */
export function eventMessage(e: SignedEventFields): string {
  const fields = [e.id, e.type, e.itemId, e.quantity, e.price, e.revenue, e.currency, e.orderId];
  return `daogou:event:v1\n${JSON.stringify(fields.map((f) => f ?? null))}`;
}

/** Hex HMAC of an event: what lets a browser key send a purchase, refund or custom event the server vouches for. */
export function signEvent(secret: string, event: SignedEventFields): string {
  return hmac(secret, eventMessage(event)).toString('hex');
}

/** Whether an event's signature matches its covered fields. */
export function eventSignatureValid(secret: string, event: SignedEventFields, signature: string): boolean {
  return sameHex(hmac(secret, eventMessage(event)), signature);
}
