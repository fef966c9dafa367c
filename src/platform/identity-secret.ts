/**
 * The identity secret and the checks built on it. The public key is embedded in pages, so anyone could
 * claim to be any customer: the merchant's server, which knows who is logged in, signs claims with a
 * secret only it and Daogou know (see signatures.ts), the page passes them along, and Daogou checks them.
 */
import { randomBytes } from 'node:crypto';
import { ForbiddenError, type EventInput } from '../domain/index.js';
import type { Store } from '../store/store.js';
import type { Clock } from './clock.js';
import {
  eventSignatureValid,
  mergeSignatureValid,
  readCustomerToken,
  signCustomerToken,
  signMerge,
} from './signatures.js';

/** Where a generated secret is kept when DAOGOU_IDENTITY_SECRET is not set. */
export const IDENTITY_SECRET_META_KEY = 'identity.secret';

/** The longest a customer token may live: a leaked one should not open a customer's lists for long. */
export const MAX_TOKEN_TTL_SECONDS = 30 * 86_400;

/** A merge as sent by a page: the pair and when the merchant's server signed it (epoch ms). */
export interface SignedMerge {
  customerId: string;
  anonymousId: string;
  signedAt?: number | undefined;
  signature?: string | undefined;
}

/** The store's identity secret and the checks built on it. */
export class IdentitySecret {
  private secret: string | undefined;

  constructor(
    private readonly store: Store,
    configured: string | null,
    private readonly clock: Clock,
    private readonly mergeMaxAgeMs: number,
  ) {
    this.secret = configured ?? undefined;
  }

  /** The configured secret, or the stored one (generated and stored once, by whichever process is first). */
  async get(): Promise<string> {
    if (this.secret !== undefined) return this.secret;
    const stored = await this.store.meta.get(IDENTITY_SECRET_META_KEY);
    if (stored !== undefined) return (this.secret = stored);
    const fresh = randomBytes(32).toString('hex');
    // Two processes starting together may both generate one: the first stored wins and both use it.
    if (await this.store.meta.compareAndSet(IDENTITY_SECRET_META_KEY, undefined, fresh)) return (this.secret = fresh);
    return (this.secret = (await this.store.meta.get(IDENTITY_SECRET_META_KEY))!);
  }

  /** A customer token valid for `ttlSeconds` from now (what a merchant's server hands the logged-in page). */
  async issueToken(customerId: string, ttlSeconds: number): Promise<{ token: string; expiresAt: number }> {
    const expires = Math.floor(this.clock() / 1000) + Math.min(Math.max(1, ttlSeconds), MAX_TOKEN_TTL_SECONDS);
    return { token: signCustomerToken(await this.get(), customerId, expires), expiresAt: expires * 1000 };
  }

  /**
   * Whether a presented token lets the request act for `customerId`: false when there is none or it has
   * expired (the page then acts as an anonymous visitor); a forged token or one for another customer is
   * refused outright, since no honest page sends one.
   */
  async tokenGrants(token: string | undefined, customerId: string): Promise<boolean> {
    if (token === undefined) return false;
    const read = readCustomerToken(await this.get(), token);
    if (!read.valid) {
      throw new ForbiddenError(
        read.reason === 'malformed'
          ? 'the customer token is malformed: expected v1.<expiry>.<customer>.<signature> as issued by your server'
          : 'the customer token is not signed with this store’s identity secret',
      );
    }
    if (read.customerId !== customerId) throw new ForbiddenError('the customer token was issued for another customer');
    return read.expiresAt * 1000 > this.clock();
  }

  /**
   * Checks a merge: a signature that is given must cover this customer, this anonymous id and its
   * `signedAt`, which must be recent; when `required` (browser keys) one must be given. Throws ForbiddenError.
   */
  async checkMerge(merge: SignedMerge, required: boolean): Promise<void> {
    if (merge.signature === undefined) {
      if (!required) return;
      throw new ForbiddenError(
        'a browser key may merge identities only with `signature` and `signedAt`: the hex HMAC-SHA256 of "daogou:merge:v1\\n<customerId>\\n<anonymousId>\\n<signedAt>" under the identity secret, computed by your server',
      );
    }
    if (merge.signedAt === undefined) throw new ForbiddenError('a signed merge needs `signedAt` (epoch ms)');
    const age = this.clock() - merge.signedAt;
    if (age > this.mergeMaxAgeMs || age < -60_000)
      throw new ForbiddenError('the merge signature has expired (or is dated in the future); sign it again');
    const pair = { customerId: merge.customerId, anonymousId: merge.anonymousId, signedAt: merge.signedAt };
    if (!mergeSignatureValid(await this.get(), pair, merge.signature))
      throw new ForbiddenError('the signature does not match this customerId, anonymousId and signedAt');
  }

  /** A merge signature for a pair, signed now (for pages the server renders itself, such as the demo). */
  async signMergeNow(customerId: string, anonymousId: string): Promise<{ signature: string; signedAt: number }> {
    const signedAt = this.clock();
    return { signature: signMerge(await this.get(), customerId, anonymousId, signedAt), signedAt };
  }

  /** Whether an event's signature is valid (false when it has none). */
  async eventSigned(event: EventInput & { signature?: string }): Promise<boolean> {
    if (event.signature === undefined) return false;
    if (!eventSignatureValid(await this.get(), event, event.signature))
      throw new ForbiddenError('the event signature does not match its fields');
    return true;
  }
}
