/**
 * Whether a request may act for a customer personally (their history, their timeline). Secret keys may;
 * a browser key only with a customer token for that customer, sent as `X-Customer-Token`.
 */
import type { FastifyRequest } from 'fastify';
import type { Engine } from '../engine/engine.js';

/** The header a page sends its customer token in. */
export const CUSTOMER_TOKEN_HEADER = 'x-customer-token';

/** The customer token a request carries, if any. */
export function presentedToken(request: FastifyRequest): string | undefined {
  const value = request.headers[CUSTOMER_TOKEN_HEADER];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/**
 * True when the request may see or write `customerId`'s history: a secret key, or a browser key with a
 * valid, unexpired token for them. False for a browser key without one (act as an anonymous visitor);
 * a forged token, or one for someone else, is a 403.
 */
export async function actsForCustomer(engine: Engine, request: FastifyRequest, customerId: string): Promise<boolean> {
  const granted =
    (request.apiKey !== null && request.apiKey.scope !== 'public') ||
    (await engine.identitySecret.tokenGrants(presentedToken(request), customerId));
  // An erased customer is nobody: nothing personal is served or logged under the id again, whoever asks.
  return granted && (await engine.privacy.erasedAmong([customerId])).size === 0;
}
