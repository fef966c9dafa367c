/**
 * Who an assignment or exposure request may act for. A browser (public) key is embedded in pages, so anyone
 * can use it: with it, a request may name only an anonymous id, or a customer id together with the merchant
 * server's signature of it (the identity-merge signature); secret keys may name any customer. Kept in this one
 * function so that a stronger browser credential (signed customer tokens) can replace the check in one place.
 */
import type { FastifyRequest } from 'fastify';
import { ForbiddenError } from '../domain/index.js';
import type { Engine } from '../engine/engine.js';
import type { Subject } from '../experiments/service/experiment-service.js';

/** The identity fields such a request carries. */
export interface SubjectBody {
  customerId?: string | undefined;
  anonymousId?: string | undefined;
  /** Hex HMAC-SHA256 of customerId under the identity secret, computed by the merchant's server. */
  signature?: string | undefined;
}

/** The subject a request may act for; throws ForbiddenError when a browser key names a customer without proof. */
export async function requestSubject(engine: Engine, request: FastifyRequest, body: SubjectBody): Promise<Subject> {
  const browser = request.apiKey?.scope === 'public';
  if (body.customerId !== undefined && browser) {
    if (body.signature === undefined) {
      throw new ForbiddenError(
        'a browser key may not act for a customerId: send only anonymousId, or add `signature` (the hex HMAC-SHA256 of the customerId under the identity secret, computed by your server)',
      );
    }
    await engine.identitySecret.check(body.customerId, body.signature, true);
  }
  return { customerId: body.customerId, anonymousId: body.anonymousId };
}
