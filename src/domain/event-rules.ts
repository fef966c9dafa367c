/** Rules an event must satisfy beyond its schema, and its normalisation into the stored form. */
import { randomUUID } from 'node:crypto';
import { toEpochMs } from './common.js';
import type { FieldIssue } from './errors.js';
import { ITEM_EVENT_TYPES, type Channel, type EventInput, type NewEvent } from './event.js';

/** Limits that apply when checking an event. */
export interface EventRuleOptions {
  /** The present, epoch ms. */
  now: number;
  /** How far ahead of `now` a timestamp may be (clock skew), ms. */
  maxFutureMs: number;
}

/** Issues with a schema-valid event that its schema cannot express (field dependencies, time bounds). */
export function eventRuleIssues(event: EventInput, options: EventRuleOptions): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (event.customerId === undefined && event.anonymousId === undefined) {
    issues.push({ field: 'customerId', message: 'customerId or anonymousId is required' });
  }
  if (ITEM_EVENT_TYPES.has(event.type) && event.itemId === undefined) {
    issues.push({ field: 'itemId', message: `is required for ${event.type} events` });
  }
  if (event.type === 'search' && event.query === undefined) {
    issues.push({ field: 'query', message: 'is required for search events' });
  }
  if (event.type === 'rating' && event.rating === undefined) {
    issues.push({ field: 'rating', message: 'is required for rating events' });
  }
  if (event.type === 'review' && event.review === undefined) {
    issues.push({ field: 'review', message: 'is required for review events' });
  }
  if (event.timestamp !== undefined) {
    const ms = toEpochMs(event.timestamp);
    if (Number.isNaN(ms)) issues.push({ field: 'timestamp', message: 'is not a valid date-time' });
    else if (ms > options.now + options.maxFutureMs) {
      issues.push({
        field: 'timestamp',
        message: `${new Date(ms).toISOString()} is in the future (more than ${Math.round(options.maxFutureMs / 1000)} s ahead of the server clock)`,
      });
    }
  }
  return issues;
}

/** An event written by the system itself (not sent by a client): every optional field empty. */
export function systemEvent(fields: Pick<NewEvent, 'id' | 'type' | 'timestamp'> & Partial<NewEvent>): NewEvent {
  return {
    customerId: null,
    anonymousId: null,
    itemId: null,
    quantity: null,
    price: null,
    revenue: null,
    currency: null,
    orderId: null,
    query: null,
    rating: null,
    review: null,
    channel: 'other',
    sessionId: null,
    recommendationId: null,
    receivedAt: fields.timestamp,
    properties: {},
    ...fields,
  };
}

/** The stored form of a valid event; the customer is resolved later from identity links. */
export function normaliseEvent(event: EventInput, now: number): NewEvent {
  const quantity = event.quantity ?? (event.type === 'purchase' || event.type === 'refund' ? 1 : null);
  const revenue =
    event.revenue ??
    ((event.type === 'purchase' || event.type === 'refund') && event.price !== undefined
      ? event.price * (quantity ?? 1)
      : null);
  return {
    id: event.id ?? randomUUID(),
    type: event.type,
    customerId: event.customerId ?? null,
    anonymousId: event.anonymousId ?? null,
    itemId: event.itemId ?? null,
    quantity,
    price: event.price ?? null,
    revenue,
    currency: event.currency ?? null,
    orderId: event.orderId ?? null,
    query: event.query ?? null,
    rating: event.rating ?? null,
    review: event.review ?? null,
    channel: (event.channel ?? 'web') satisfies Channel,
    sessionId: event.sessionId ?? null,
    recommendationId: event.recommendationId ?? null,
    timestamp: event.timestamp === undefined ? now : toEpochMs(event.timestamp),
    receivedAt: now,
    properties: event.properties ?? {},
  };
}

/**
 * Events of a batch that reuse an earlier event's id with different contents: the id is an idempotency
 * key, so the second would be dropped as a duplicate and its data lost without a word.
 */
export function conflictingIdIssues(inputs: readonly EventInput[]): FieldIssue[] {
  // Contents are compared only when an id repeats: writing every event out cost 3% of batch ingest.
  const first = new Map<string, { index: number; json?: string }>();
  const issues: FieldIssue[] = [];
  inputs.forEach((event, index) => {
    if (event.id === undefined) return;
    const seen = first.get(event.id);
    if (seen === undefined) first.set(event.id, { index });
    else if ((seen.json ??= canonicalJson(inputs[seen.index])) !== canonicalJson(event))
      issues.push({
        index,
        field: 'id',
        message: `"${event.id}" is already the id of event ${seen.index} in this batch, which has different contents`,
      });
  });
  return issues;
}

// Key order must not make two equal events differ.
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
