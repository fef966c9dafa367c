/** The extra rules for events sent with a browser key: bounded behaviour, signed money, tokens for customers. */
import type { FastifyRequest } from 'fastify';
import {
  ForbiddenError,
  ValidationError,
  browserEventIssues,
  type EventInput,
  type FieldIssue,
} from '../domain/index.js';
import type { Engine } from '../engine/engine.js';
import { actsForCustomer } from './customer-access.js';

/**
 * Checks a batch sent with a browser key (secret keys pass through): types and bounds (400 naming each
 * event) and server signatures where given. An event naming a customer writes into their
 * timeline, so it keeps the customer only with a customer token for them; without one it is recorded
 * under its anonymous id alone (which still reaches the customer if a signed merge linked the two), and
 * with no anonymous id it is refused (403). Returns the events to store.
 */
export async function checkBrowserEvents<E extends EventInput & { signature?: string }>(
  engine: Engine,
  request: FastifyRequest,
  events: readonly E[],
): Promise<E[]> {
  if (request.apiKey?.scope !== 'public') return checkSecretKeyEvents(engine, events);
  await refuseErasedIds(engine, events);
  const limits = { maxQuantity: engine.config.publicMaxQuantity, maxPrice: engine.config.publicMaxPrice };
  const issues: FieldIssue[] = [];
  const customers = new Set<string>();
  for (const [index, event] of events.entries()) {
    const signed = await engine.identitySecret.eventSigned(event);
    for (const issue of browserEventIssues(event, limits, signed)) issues.push({ ...issue, index });
    if (event.customerId !== undefined) customers.add(event.customerId);
  }
  if (issues.length > 0)
    throw new ValidationError(events.length === 1 ? issues.map(({ index: _i, ...i }) => i) : issues);
  const anonymous = new Set<string>();
  for (const customerId of customers) {
    if (!(await actsForCustomer(engine, request, customerId))) anonymous.add(customerId);
  }
  if (anonymous.size === 0) return [...events];
  return events.map((event) => {
    if (event.customerId === undefined || !anonymous.has(event.customerId)) return event;
    if (event.anonymousId === undefined)
      throw new ForbiddenError(
        `events naming customer "${event.customerId}" need a customer token for them in X-Customer-Token (issued by your server), or an anonymousId to be recorded under`,
      );
    const { customerId: _dropped, ...rest } = event;
    return rest as E;
  });
}

/**
 * The checks of a batch sent with a secret key: no erased id, and server signatures that match where given.
 * Needs only these two services, so the API's ingest thread runs it on its own.
 */
export async function checkSecretKeyEvents<E extends EventInput & { signature?: string }>(
  engine: Pick<Engine, 'privacy' | 'identitySecret'>,
  events: readonly E[],
): Promise<E[]> {
  await refuseErasedIds(engine, events);
  for (const event of events) await engine.identitySecret.eventSigned(event);
  return [...events];
}

/** Events may not name an erased customer or anonymous id again (400 naming each event and field). */
export async function refuseErasedIds(engine: Pick<Engine, 'privacy'>, events: readonly EventInput[]): Promise<void> {
  const ids = new Set<string>();
  for (const e of events) {
    if (e.customerId !== undefined) ids.add(e.customerId);
    if (e.anonymousId !== undefined) ids.add(e.anonymousId);
  }
  const erased = await engine.privacy.erasedAmong([...ids]);
  if (erased.size === 0) return;
  const issues: FieldIssue[] = [];
  events.forEach((e, index) => {
    for (const field of ['customerId', 'anonymousId'] as const) {
      const id = e[field];
      if (id !== undefined && erased.has(id))
        issues.push({ index, field, message: 'belongs to an erased customer and cannot be used again' });
    }
  });
  throw new ValidationError(events.length === 1 ? issues.map(({ index: _i, ...i }) => i) : issues);
}
