/**
 * The prices a customer-facing request shows: those of the subject it may act for. A customer id counts only
 * when the request may act for that customer (a secret key, or a browser key with their token); otherwise the
 * anonymous id alone decides, and a request naming nobody sees catalogue prices. So a browser key learns no
 * customer's variant beyond what that customer's own page would show.
 */
import type { FastifyRequest } from 'fastify';
import type { Engine } from '../engine/engine.js';
import { SubjectPrices } from '../experiments/index.js';
import { actsForCustomer } from './customer-access.js';

/** The identity fields a customer-facing request may carry. */
export interface PriceSubjectIds {
  customerId?: string | undefined;
  anonymousId?: string | undefined;
}

/** The prices this request's subject sees (no query at all when no price experiment runs). */
export async function subjectPrices(
  engine: Engine,
  request: FastifyRequest,
  ids: PriceSubjectIds,
): Promise<SubjectPrices> {
  if ((await engine.prices.arms()).size === 0) return SubjectPrices.none;
  const customerId =
    ids.customerId !== undefined && (await actsForCustomer(engine, request, ids.customerId))
      ? ids.customerId
      : undefined;
  if (customerId === undefined && ids.anonymousId === undefined) return SubjectPrices.none;
  return engine.prices.forSubject({ customerId, anonymousId: ids.anonymousId });
}
