/** /v1/search: product search and autocomplete (browser key allowed), synonyms, rules, reindex and stats (admin). */
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { NotFoundError } from '../../domain/index.js';
import type { Engine } from '../../engine/engine.js';
import { SEARCH_REINDEX_JOB } from '../../jobs/search-jobs.js';
import type { MerchandisingRule } from '../../search/index.js';
import type { SearchRequest } from '../../search/index.js';
import type { SynonymRule } from '../../search/index.js';
import { actsForCustomer } from '../customer-access.js';
import { subjectPrices } from '../price-subject.js';
import { ProblemSchema, errorResponses } from './common-schemas.js';
import { JobSchema, jobView } from './jobs.js';
import {
  AutocompleteResponseSchema,
  RuleInputSchema,
  RuleSchema,
  SearchQuerystring,
  SearchResponseSchema,
  SearchStatsSchema,
  SynonymRuleSchema,
} from './search-schemas.js';

const list = (v: string | string[] | undefined): string[] | undefined =>
  v === undefined ? undefined : (Array.isArray(v) ? v : [v]).filter((s) => s.length > 0);

/** `attr.<name>=value` parameters as attribute filters. */
function attributeFilters(query: Record<string, unknown>): Record<string, string[]> | undefined {
  const out: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(query)) {
    if (!key.startsWith('attr.') || key.length === 5) continue;
    const values = (Array.isArray(value) ? value : [value]).map(String).filter((s) => s.length > 0);
    if (values.length > 0) out[key.slice(5)] = values;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Search routes. */
export const searchRoutes =
  (engine: Engine): FastifyPluginAsyncTypebox =>
  async (app) => {
    const admin = { permission: 'admin' as const };
    // Start loading the index with the server rather than on the first search.
    void engine.search.ready().catch((error: unknown) => app.log.error({ err: error }, 'search index failed to load'));

    app.get(
      '/v1/search',
      {
        config: { permission: 'read' },
        schema: {
          operationId: 'searchItems',
          tags: ['search'],
          summary: 'Search the catalogue: text (Chinese and English), filters, facets, sorting, pages',
          description:
            'Filter on any attribute with `attr.<name>=value` (repeat for any of several). Every search with a query is logged as a `search` event.',
          querystring: SearchQuerystring,
          response: { 200: SearchResponseSchema, ...errorResponses },
        },
      },
      async (request) => {
        const q = request.query;
        const req: SearchRequest = { page: q.page, pageSize: q.pageSize };
        if (q.q !== undefined) req.q = q.q;
        const category = list(q.category);
        if (category) req.category = category;
        const brand = list(q.brand);
        if (brand) req.brand = brand;
        if (q.priceMin !== undefined) req.priceMin = q.priceMin;
        if (q.priceMax !== undefined) req.priceMax = q.priceMax;
        if (q.inStock !== undefined) req.inStock = q.inStock;
        const attributes = attributeFilters(q);
        if (attributes) req.attributes = attributes;
        if (q.sort !== undefined) req.sort = q.sort;
        // Personalising for a customer reads their history and logs the search into their timeline: with a
        // browser key only for the holder of their token; otherwise the search is anonymous.
        if (q.customerId !== undefined && (await actsForCustomer(engine, request, q.customerId)))
          req.customerId = q.customerId;
        if (q.anonymousId !== undefined) req.anonymousId = q.anonymousId;
        if (q.sessionId !== undefined) req.sessionId = q.sessionId;
        if (q.locale !== undefined) req.locale = q.locale;
        if (q.facets !== undefined)
          req.facets = q.facets
            .split(',')
            .map((s) => s.trim())
            .filter((s) => s.length > 0);
        // The searcher's own prices (price experiments) decide price filters and sorts as well as what is shown.
        const prices = await subjectPrices(engine, request, {
          customerId: req.customerId,
          anonymousId: req.anonymousId,
        });
        if (!prices.empty) req.prices = prices.prices();
        const found = await engine.search.search(req);
        await prices.shown(found.items.map((i) => i.id));
        const result = prices.empty
          ? found
          : { ...found, items: found.items.map((i) => ({ ...i, item: prices.view(i.item) })) };
        const ua = request.headers['user-agent'];
        engine.search.log(req, result, { ip: request.ip, ...(ua !== undefined ? { userAgent: ua } : {}) }, (error) =>
          request.log.error({ err: error }, 'search event was not logged'),
        );
        return result;
      },
    );

    app.get(
      '/v1/search/autocomplete',
      {
        config: { permission: 'read' },
        schema: {
          operationId: 'autocomplete',
          tags: ['search'],
          summary: 'Suggestions while typing: popular past queries with the prefix, and matching items',
          querystring: Type.Object({
            q: Type.String({ maxLength: 200 }),
            queries: Type.Integer({ minimum: 0, maximum: 20, default: 5 }),
            items: Type.Integer({ minimum: 0, maximum: 20, default: 5 }),
          }),
          response: { 200: AutocompleteResponseSchema, ...errorResponses },
        },
      },
      async (request) =>
        engine.search.autocomplete(request.query.q, { queries: request.query.queries, items: request.query.items }),
    );

    app.get(
      '/v1/search/synonyms',
      {
        config: admin,
        schema: {
          operationId: 'listSynonyms',
          tags: ['search'],
          summary: 'The configured synonyms (the built-in list and learned ones apply as well)',
          response: { 200: Type.Object({ synonyms: Type.Array(SynonymRuleSchema) }), ...errorResponses },
        },
      },
      async () => ({ synonyms: await engine.search.synonyms() }),
    );

    app.put(
      '/v1/search/synonyms',
      {
        config: admin,
        schema: {
          operationId: 'replaceSynonyms',
          tags: ['search'],
          summary: 'Replace the configured synonyms; effective at once',
          body: Type.Object(
            { synonyms: Type.Array(SynonymRuleSchema, { maxItems: 10_000 }) },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ synonyms: Type.Array(SynonymRuleSchema) }), ...errorResponses },
        },
      },
      async (request) => ({ synonyms: await engine.search.setSynonyms(request.body.synonyms as SynonymRule[]) }),
    );

    app.get(
      '/v1/search/rules',
      {
        config: admin,
        schema: {
          operationId: 'listSearchRules',
          tags: ['search'],
          summary: 'Merchandising rules: pin, boost, bury or hide items per query',
          response: { 200: Type.Object({ rules: Type.Array(RuleSchema) }), ...errorResponses },
        },
      },
      async () => ({ rules: (await engine.search.rules()) as Static<typeof RuleSchema>[] }),
    );

    app.post(
      '/v1/search/rules',
      {
        config: admin,
        schema: {
          operationId: 'createSearchRule',
          tags: ['search'],
          summary: 'Add a merchandising rule; effective at once',
          body: RuleInputSchema,
          response: { 201: RuleSchema, ...errorResponses },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send((await engine.search.addRule(request.body as MerchandisingRule)) as Static<typeof RuleSchema>),
    );

    app.delete(
      '/v1/search/rules/:id',
      {
        config: admin,
        schema: {
          operationId: 'deleteSearchRule',
          tags: ['search'],
          summary: 'Delete a merchandising rule',
          params: Type.Object({ id: Type.String() }),
          response: { 204: Type.Null(), 404: ProblemSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        if (!(await engine.search.deleteRule(request.params.id)))
          throw new NotFoundError(`no search rule with id "${request.params.id}"`);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/v1/search/reindex',
      {
        config: admin,
        schema: {
          operationId: 'reindexSearch',
          tags: ['search'],
          summary: 'Rebuild the search index from the catalogue in the background; returns the job',
          response: { 202: JobSchema, ...errorResponses },
        },
      },
      async (_request, reply) =>
        reply
          .status(202)
          .send(jobView(await engine.jobs.enqueue(SEARCH_REINDEX_JOB, {}, { singletonKey: SEARCH_REINDEX_JOB }))),
    );

    app.get(
      '/v1/search/stats',
      {
        config: admin,
        schema: {
          operationId: 'getSearchStats',
          tags: ['search'],
          summary: 'Query analytics: top queries, zero-result queries, searches followed by a click',
          querystring: Type.Object({
            days: Type.Integer({ minimum: 1, maximum: 3650, default: 30 }),
            limit: Type.Integer({ minimum: 1, maximum: 1000, default: 20 }),
          }),
          response: { 200: SearchStatsSchema, ...errorResponses },
        },
      },
      async (request) => engine.search.stats(request.query.days, request.query.limit),
    );
  };
