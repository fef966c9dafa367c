/** Every search with a query is appended to the event log as a `search` event, for query analytics and learning. */
import { createHash } from 'node:crypto';
import type { EventInput } from '../../domain/index.js';
import type { EventService } from '../../platform/event-service.js';
import type { SearchRequest, SearchResult } from './search-request.js';

/** Who asked, when the request names no customer or anonymous id. */
export interface SearchLogContext {
  /** Client address. */
  ip: string;
  /** User agent, if any. */
  userAgent?: string;
}

/**
 * An anonymous id for a caller that sent none: a hash of address and user agent, so the raw address is
 * not stored, yet one visitor's searches stay together for zero-result and refinement analysis.
 */
export function requestAnonymousId(context: SearchLogContext): string {
  const h = createHash('sha256')
    .update(context.ip + '\n' + (context.userAgent ?? ''))
    .digest('hex');
  return `anon-ip-${h.slice(0, 16)}`;
}

/** The search event for a request and its result, or null for a browse without a query. */
export function searchEvent(req: SearchRequest, result: SearchResult, context: SearchLogContext): EventInput | null {
  const query = (req.q ?? '').trim().slice(0, 1000);
  if (query.length === 0) return null;
  const event: EventInput = {
    type: 'search',
    query,
    properties: {
      results: result.total,
      page: result.page,
      sort: req.sort ?? 'relevance',
      filters: { ...result.appliedFilters },
      items: result.items.slice(0, 10).map((i) => i.id),
    },
  };
  if (req.customerId !== undefined) event.customerId = req.customerId;
  else event.anonymousId = req.anonymousId ?? requestAnonymousId(context);
  if (req.customerId !== undefined && req.anonymousId !== undefined) event.anonymousId = req.anonymousId;
  if (req.sessionId !== undefined) event.sessionId = req.sessionId;
  return event;
}

/** Appends the search event (no-op for a browse without a query). */
export async function logSearch(
  events: EventService,
  req: SearchRequest,
  result: SearchResult,
  context: SearchLogContext,
): Promise<void> {
  const event = searchEvent(req, result, context);
  if (event) await events.track([event], { strict: false });
}
