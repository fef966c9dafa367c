/** /v1/recommendations: for a customer, similar, bought together, trending, session; attribution and training. */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DAY_MS, toIso } from '../../domain/index.js';
import type { Engine } from '../../engine/engine.js';
import { enqueueTraining } from '../../jobs/recommend-jobs.js';
import type { RecommendationResult } from '../../recommend/index.js';
import { actsForCustomer } from '../customer-access.js';
import { SubjectPrices } from '../../experiments/index.js';
import { subjectPrices } from '../price-subject.js';
import { IdParams, ProblemSchema, errorResponses } from './common-schemas.js';
import { JobSchema, jobView } from './jobs.js';
import {
  AttributionSchema,
  RecommendQuery,
  RecommendationsSchema,
  SessionBody,
  optionsFromFilters,
  optionsFromQuery,
} from './recommendation-schemas.js';
import type { RecommendQueryType } from './recommendation-schemas.js';

const tags = ['recommendations'];
const read = { permission: 'read' as const };
const ok = { 200: RecommendationsSchema, ...errorResponses };
const okOr404 = { ...ok, 404: ProblemSchema };

const query = (q: unknown) => optionsFromQuery(q as RecommendQueryType & Record<string, unknown>);

/** Recommendation routes. */
export const recommendationRoutes =
  (engine: Engine): FastifyPluginAsyncTypebox =>
  async (app) => {
    const recs = engine.recommendations;
    // Load the catalogue and the newest model with the server (at 100,000 items the first request paid it),
    // decoded off the event loop; until it is in, /ready says so and requests get the log's popularity.
    recs.serveWhileLoading();
    void recs.warm().catch((error: unknown) => app.log.error({ err: error }, 'recommendation model failed to load'));
    // Sent as ready JSON text (items' JSON is cached); the response schema still documents the shape. Items a
    // price experiment prices for this visitor show their variant's price, and the exposure is recorded.
    const send = async (reply: FastifyReply, r: RecommendationResult, prices: SubjectPrices = SubjectPrices.none) => {
      await prices.shown(r.items.map((i) => i.id));
      return reply
        .type('application/json; charset=utf-8')
        .send(recs.toJson(r, prices.empty ? undefined : (item) => prices.view(item)));
    };
    const pricesFor = (request: FastifyRequest, customerId = (request.query as RecommendQueryType).customerId) =>
      subjectPrices(engine, request, { customerId, anonymousId: (request.query as RecommendQueryType).anonymousId });
    app.get(
      '/v1/recommendations/customers/:id',
      {
        config: read,
        schema: {
          operationId: 'recommendForCustomer',
          tags,
          summary: "Personal recommendations from the customer's latest behaviour",
          description:
            'Reads the newest events on every call, so a view changes the next list without retraining. Customers without history get what is popular in their channel. ' +
            'A browser key needs the customer’s token in `X-Customer-Token`; without one it gets the list an anonymous visitor gets (trending, no personal reasons) and the header `Daogou-Personalised: false`.',
          params: IdParams,
          querystring: RecommendQuery,
          response: ok,
        },
      },
      async (request, reply) => {
        const id = request.params.id;
        // A secret key acts for any customer not erased: the history is read beside the erasure check, so the
        // request waits for one round trip, not two in a row (each a wait for a CPU on a busy machine). Read and
        // dropped for an erased id, it leaves the process with nothing.
        const secret = request.apiKey !== null && request.apiKey.scope !== 'public';
        const history = secret ? recs.recentHistory(id) : undefined;
        // Handled here too, so a failed read that is never awaited (an erased id) is not an unhandled rejection.
        void history?.catch(() => undefined);
        // A browser key must not read anyone's history by guessing ids: without the customer's token it acts
        // as an anonymous visitor, whose list reveals nothing about anyone (nor is logged against the id).
        if (!(await actsForCustomer(engine, request, id))) {
          void reply.header('daogou-personalised', 'false');
          return send(reply, await recs.trending(query(request.query)), await pricesFor(request, undefined));
        }
        const prices = await pricesFor(request, id);
        return send(reply, await recs.forCustomer(id, query(request.query), history), prices);
      },
    );
    app.get(
      '/v1/recommendations/items/:id/similar',
      {
        config: read,
        schema: {
          operationId: 'recommendSimilarItems',
          tags,
          summary: 'Items similar to an item',
          params: IdParams,
          querystring: RecommendQuery,
          response: okOr404,
        },
      },
      async (request, reply) =>
        send(reply, await recs.similar(request.params.id, query(request.query)), await pricesFor(request)),
    );
    app.get(
      '/v1/recommendations/items/:id/bought-together',
      {
        config: read,
        schema: {
          operationId: 'recommendBoughtTogether',
          tags,
          summary: 'Items frequently bought together with an item',
          params: IdParams,
          querystring: RecommendQuery,
          response: okOr404,
        },
      },
      async (request, reply) =>
        send(reply, await recs.boughtTogether(request.params.id, query(request.query)), await pricesFor(request)),
    );
    app.get(
      '/v1/recommendations/trending',
      {
        config: read,
        schema: {
          operationId: 'recommendTrending',
          tags,
          summary: 'What is popular lately, overall or in a channel; filter by category',
          querystring: RecommendQuery,
          response: ok,
        },
      },
      async (request, reply) => send(reply, await recs.trending(query(request.query)), await pricesFor(request)),
    );
    app.post(
      '/v1/recommendations/session',
      {
        config: read,
        schema: {
          operationId: 'recommendForSession',
          tags,
          summary: 'Recommendations for an anonymous session from the items it touched',
          body: SessionBody,
          response: ok,
        },
      },
      async (request, reply) => {
        const { itemIds, anonymousId, k, filters } = request.body;
        const session = { itemIds, ...(anonymousId !== undefined ? { anonymousId } : {}) };
        const prices = await subjectPrices(engine, request, { anonymousId });
        return send(reply, await recs.forSession(session, optionsFromFilters(k, filters)), prices);
      },
    );
    app.get(
      '/v1/recommendations/attribution',
      {
        config: { permission: 'admin' },
        schema: {
          operationId: 'getRecommendationAttribution',
          tags,
          summary: 'Per surface: lists served, clicks and purchases carrying their recommendationId, revenue',
          querystring: Type.Object({ days: Type.Integer({ minimum: 1, maximum: 3650, default: 30 }) }),
          response: { 200: AttributionSchema, ...errorResponses },
        },
      },
      async (request) => {
        const days = request.query.days;
        const surfaces = await recs.attribution(days);
        return {
          since: toIso(engine.clock() - days * DAY_MS),
          surfaces: surfaces.map((s) => ({ ...s, clickRate: s.served > 0 ? s.clicks / s.served : 0 })),
        };
      },
    );
    app.post(
      '/v1/recommendations/train',
      {
        config: { permission: 'admin' },
        schema: {
          operationId: 'trainRecommendations',
          tags,
          summary: 'Retrain the recommendation model in the background; returns the job (see /v1/jobs/{id})',
          response: { 202: JobSchema, ...errorResponses },
        },
      },
      async (_request, reply) => {
        const job = await enqueueTraining(engine.jobs);
        return reply.code(202).send(jobView(job));
      },
    );
  };
