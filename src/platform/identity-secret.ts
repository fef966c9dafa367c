/**
 * Proof for identity merges sent from browsers: the public key is embedded in pages, so anyone could claim
 * to be any customer. The merchant's server signs the logged-in customer's id with a secret only it and
 * Daogou know (HMAC-SHA256), the page passes the signature along, and Daogou checks it.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ForbiddenError } from '../domain/index.js';
import type { Store } from '../store/store.js';

/** Where a generated secret is kept when DAOGOU_IDENTITY_SECRET is not set. */
export const IDENTITY_SECRET_META_KEY = 'identity.secret';

/** Hex HMAC-SHA256 of a customer id under the identity secret: what a merchant's server hands its pages. */
export function signCustomerId(secret: string, customerId: string): string {
  return createHmac('sha256', secret).update(customerId, 'utf8').digest('hex');
}

/** Whether a signature is the one for this customer id; compared in constant time. */
export function customerSignatureValid(secret: string, customerId: string, signature: string): boolean {
  if (!/^[0-9a-fA-F]{64}$/.test(signature)) return false;
  const expected = Buffer.from(signCustomerId(secret, customerId), 'hex');
  return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
}

/** The store's identity secret and the merge check built on it. */
export class IdentitySecret {
  private secret: string | undefined;

  constructor(
    private readonly store: Store,
    configured: string | null,
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

  /**
   * Checks a merge's signature for a customer id: a signature that is given must be right, and when
   * `required` (browser keys) one must be given. Throws ForbiddenError otherwise.
   */
  async check(customerId: string, signature: string | undefined, required: boolean): Promise<void> {
    if (signature === undefined) {
      if (!required) return;
      throw new ForbiddenError(
        'a browser key may merge identities only with a signature: send `signature`, the hex HMAC-SHA256 of the customerId under the identity secret, computed by your server',
      );
    }
    if (!customerSignatureValid(await this.get(), customerId, signature)) {
      throw new ForbiddenError('the signature does not match the customerId');
    }
  }
}
