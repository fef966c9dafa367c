/** /v1/items/:id/reviews and /v1/reviews: review summaries, aggregates, drop signals, ad-hoc sentiment. */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { NotFoundError } from '../../domain/index.js';
import type { Engine } from '../../engine/engine.js';
import { REVIEWS_SCORE_JOB, REVIEWS_TRAIN_JOB } from '../../jobs/review-jobs.js';
import { ASPECTS, extractAspects, MAX_LABELLED_REVIEWS, validateLabelledReviews } from '../../reviews/index.js';
import { IdParams, ProblemSchema, errorResponses } from './common-schemas.js';
import { JobSchema, jobView } from './jobs.js';

const AspectName = Type.Union(ASPECTS.map((a) => Type.Literal(a)));
const Side = Type.Object({ reviews: Type.Integer(), quotes: Type.Array(Type.String()) });
const DropSchema = Type.Object({
  itemId: Type.String(),
  recentReviews: Type.Integer(),
  recentMean: Type.Number(),
  baselineReviews: Type.Integer(),
  baselineMean: Type.Number(),
  drop: Type.Number({ description: 'baseline mean − recent mean of the probability of positive' }),
});
const SummarySchema = Type.Object({
  itemId: Type.String(),
  reviews: Type.Integer(),
  meanScore: Type.Union([Type.Number(), Type.Null()], { description: 'mean probability of positive' }),
  positiveShare: Type.Union([Type.Number(), Type.Null()]),
  aspects: Type.Object({
    reviews: Type.Integer(),
    aspects: Type.Array(
      Type.Object({ aspect: AspectName, positive: Side, negative: Side, positiveShare: Type.Number() }),
    ),
    pros: Type.Array(AspectName),
    cons: Type.Array(AspectName),
  }),
  drop: Type.Union([DropSchema, Type.Null()]),
});
const AggregateQuery = Type.Object({
  level: Type.Optional(Type.Union([Type.Literal('item'), Type.Literal('brand'), Type.Literal('category')])),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
});
const SignalQuery = Type.Object({
  windowDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365, default: 14 })),
  minRecent: Type.Optional(Type.Integer({ minimum: 1, default: 3 })),
  minBaseline: Type.Optional(Type.Integer({ minimum: 1, default: 5 })),
  minDrop: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1, default: 0.2 })),
});
const SentimentBody = Type.Object(
  { texts: Type.Array(Type.String({ maxLength: 20000 }), { minItems: 1, maxItems: 100 }) },
  { additionalProperties: false },
);
const SentimentResponse = Type.Object({
  results: Type.Array(
    Type.Object({
      label: Type.Union([Type.Literal('positive'), Type.Literal('negative')]),
      score: Type.Number({ description: 'probability of positive' }),
      aspects: Type.Array(
        Type.Object({
          aspect: AspectName,
          polarity: Type.Union([Type.Literal('positive'), Type.Literal('negative')]),
          clause: Type.String(),
        }),
      ),
    }),
  ),
});

const TrainBody = Type.Object(
  {
    reviews: Type.Array(
      Type.Object({
        text: Type.String({ maxLength: 20000 }),
        label: Type.Union([Type.String(), Type.Integer(), Type.Boolean()], {
          description: 'positive or negative (also 1/0, 好评/差评)',
        }),
      }),
      { maxItems: MAX_LABELLED_REVIEWS },
    ),
  },
  { additionalProperties: false },
);
const StoreModelSchema = Type.Object({
  scorer: Type.Union([Type.Literal('store'), Type.Literal('builtin')], {
    description: "which model scores this store's reviews",
  }),
  model: Type.Union([
    Type.Object({
      id: Type.String(),
      trainedAt: Type.Integer(),
      reviews: Type.Integer(),
      heldOut: Type.Object({ n: Type.Integer(), storeAccuracy: Type.Number(), builtinAccuracy: Type.Number() }),
      active: Type.Boolean({ description: 'false: no better than the built-in model on held-out reviews' }),
    }),
    Type.Null(),
  ]),
});

/** Review insight routes. */
export const reviewRoutes =
  (engine: Engine): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/v1/items/:id/reviews',
      {
        // Product pages show it: what any shopper can read on the page, with no reviewer ids.
        config: { permission: 'read' },
        schema: {
          operationId: 'getItemReviewSummary',
          tags: ['reviews'],
          summary: "An item's review sentiment, aspect pros and cons with quotes, and its drop signal",
          params: IdParams,
          response: { 200: SummarySchema, 404: ProblemSchema, ...errorResponses },
        },
      },
      async (request) => {
        const item = await engine.items.get(request.params.id);
        if (request.apiKey?.scope === 'public' && !item.active) {
          throw new NotFoundError(`item "${request.params.id}" does not exist`);
        }
        return engine.reviews.itemSummary(item.id);
      },
    );

    app.get(
      '/v1/reviews/aggregates',
      {
        config: { permission: 'admin' },
        schema: {
          operationId: 'listReviewAggregates',
          tags: ['reviews'],
          summary: 'Review sentiment per item, brand or category, most reviewed first',
          querystring: AggregateQuery,
          response: {
            200: Type.Object({
              level: Type.String(),
              rows: Type.Array(
                Type.Object({
                  key: Type.String(),
                  reviews: Type.Integer(),
                  meanScore: Type.Number(),
                  positive: Type.Integer(),
                  meanRating: Type.Union([Type.Number(), Type.Null()]),
                }),
              ),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const { level = 'item', limit = 50, offset = 0 } = request.query;
        return { level, rows: await engine.reviews.aggregates(level, limit, offset) };
      },
    );

    app.get(
      '/v1/reviews/signals',
      {
        config: { permission: 'admin' },
        schema: {
          operationId: 'listReviewSignals',
          tags: ['reviews'],
          summary: 'Items whose recent review sentiment fell below their own baseline',
          querystring: SignalQuery,
          response: { 200: Type.Object({ drops: Type.Array(DropSchema) }), ...errorResponses },
        },
      },
      async (request) => ({ drops: await engine.reviews.drops(request.query) }),
    );

    app.post(
      '/v1/reviews/sentiment',
      {
        config: { permission: 'ingest' },
        schema: {
          operationId: 'scoreReviewSentiment',
          tags: ['reviews'],
          summary: "Sentiment and aspects of up to 100 texts with the store's model (nothing stored)",
          body: SentimentBody,
          response: { 200: SentimentResponse, ...errorResponses },
        },
      },
      async (request) => {
        const model = await engine.reviews.scorer();
        return {
          results: request.body.texts.map((text) => {
            const score = model.probability(text);
            const label = score >= 0.5 ? ('positive' as const) : ('negative' as const);
            const aspects = extractAspects(text, (c) => model.probability(c)).map(({ aspect, polarity, clause }) => ({
              aspect,
              polarity,
              clause,
            }));
            return { label, score, aspects };
          }),
        };
      },
    );

    app.post(
      '/v1/reviews/score',
      {
        config: { permission: 'admin' },
        schema: {
          operationId: 'scoreNewReviews',
          tags: ['reviews'],
          summary: 'Queue a run that scores the review events received since the last run',
          response: { 202: JobSchema, ...errorResponses },
        },
      },
      async (_request, reply) => {
        const job = await engine.jobs.enqueue(REVIEWS_SCORE_JOB, {}, { singletonKey: REVIEWS_SCORE_JOB });
        return reply.code(202).send(jobView(job));
      },
    );

    app.post(
      '/v1/reviews/sentiment/model',
      {
        config: { permission: 'admin' },
        schema: {
          operationId: 'trainStoreSentiment',
          tags: ['reviews'],
          summary:
            "Queue training of the store's own sentiment model on labelled reviews (used where it beats the built-in model)",
          body: TrainBody,
          response: { 202: JobSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const reviews = validateLabelledReviews(request.body.reviews);
        const job = await engine.jobs.enqueue(REVIEWS_TRAIN_JOB, { reviews });
        return reply.code(202).send(jobView(job));
      },
    );

    app.get(
      '/v1/reviews/sentiment/model',
      {
        config: { permission: 'admin' },
        schema: {
          operationId: 'getStoreSentimentModel',
          tags: ['reviews'],
          summary: "Which model scores this store's reviews, and the store model's held-out comparison",
          response: { 200: StoreModelSchema, ...errorResponses },
        },
      },
      async () => {
        const model = await engine.reviews.storeModel();
        return { scorer: model?.active ? ('store' as const) : ('builtin' as const), model };
      },
    );

    app.delete(
      '/v1/reviews/sentiment/model',
      {
        config: { permission: 'admin' },
        schema: {
          operationId: 'useBuiltinSentiment',
          tags: ['reviews'],
          summary: "Score this store's reviews with the built-in model again",
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (_request, reply) => {
        await engine.reviews.useBuiltin();
        return reply.code(204).send(null);
      },
    );
  };
