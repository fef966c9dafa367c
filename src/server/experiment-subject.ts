/**
 * Who an assignment or exposure request may act for. A browser (public) key is embedded in pages, so anyone
 * can use it: with it, a request may name only an anonymous id, or a customer id together with that customer's
 * token from the merchant's server (`X-Customer-Token`, see docs/security.md); secret keys may name any customer.
 */
import type { FastifyRequest } from 'fastify';
import { ForbiddenError } from '../domain/index.js';
import { actsForCustomer } from './customer-access.js';
import type { Engine } from '../engine/engine.js';
import type { Subject } from '../experiments/index.js';

/** The identity fields such a request carries. */
export interface SubjectBody {
  customerId?: string | undefined;
  anonymousId?: string | undefined;
}

/** The subject a request may act for; throws ForbiddenError when a browser key names a customer without proof. */
export async function requestSubject(engine: Engine, request: FastifyRequest, body: SubjectBody): Promise<Subject> {
  const browser = request.apiKey?.scope === 'public';
  if (body.customerId !== undefined && browser && !(await actsForCustomer(engine, request, body.customerId))) {
    throw new ForbiddenError(
      'a browser key may not act for a customerId: send only anonymousId, or send the customer token your server issued for them in the X-Customer-Token header',
    );
  }
  return { customerId: body.customerId, anonymousId: body.anonymousId };
}
