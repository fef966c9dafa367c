/**
 * Compiled in CI against a client generated from the OpenAPI document (`.ci/openapi-client`): every route the
 * browser SDK calls, with the SDK's own request and response types. A route, parameter or field renamed on
 * one side and not the other fails this compile.
 */
import createClient from 'openapi-fetch';
import type {
  AutocompleteResult,
  EventInput,
  Item,
  MergeResult,
  Recommendations,
  SearchResults,
  TrackResult,
} from '../../packages/sdk/src/types.js';
import type { paths } from './generated/api.js';

const client = createClient<paths>({ baseUrl: 'http://127.0.0.1:7070' });

/** The SDK's calls, through the generated client. */
export async function sdkRoutes(events: EventInput[], itemId: string, customerId: string): Promise<unknown[]> {
  const tracked: TrackResult | undefined = (await client.POST('/v1/events/batch', { body: { events } })).data;
  const merged: MergeResult | undefined = (
    await client.POST('/v1/identities/merge', { body: { anonymousId: 'a-1', customerId, signature: 's' } })
  ).data;
  const item: Item | undefined = (await client.GET('/v1/items/{id}', { params: { path: { id: itemId } } })).data;
  const forYou: Recommendations | undefined = (
    await client.GET('/v1/recommendations/customers/{id}', { params: { path: { id: customerId }, query: { k: 10 } } })
  ).data;
  const similar: Recommendations | undefined = (
    await client.GET('/v1/recommendations/items/{id}/similar', { params: { path: { id: itemId } } })
  ).data;
  const together: Recommendations | undefined = (
    await client.GET('/v1/recommendations/items/{id}/bought-together', { params: { path: { id: itemId } } })
  ).data;
  const trending: Recommendations | undefined = (await client.GET('/v1/recommendations/trending', {})).data;
  const session: Recommendations | undefined = (
    await client.POST('/v1/recommendations/session', { body: { itemIds: [itemId], anonymousId: 'a-1', k: 10 } })
  ).data;
  const found: SearchResults | undefined = (
    await client.GET('/v1/search', { params: { query: { q: 'dress', page: 1, pageSize: 20, sort: 'relevance' } } })
  ).data;
  const suggested: AutocompleteResult | undefined = (
    await client.GET('/v1/search/autocomplete', { params: { query: { q: 'dr' } } })
  ).data;
  return [tracked, merged, item, forYou, similar, together, trending, session, found, suggested];
}
