/** /v1/recommendations/models and /evaluate: the serving model's figures and an offline evaluation on the store. */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { toIso } from '../../domain/index.js';
import type { Engine } from '../../engine/engine.js';
import { enqueueEvaluation } from '../../jobs/evaluate-jobs.js';
import { modelStatus } from '../../recommend/index.js';
import { EVAL_MODELS } from '../../recommend/index.js';
import { DEFAULT_EVAL_USERS } from '../../recommend/index.js';
import { errorResponses } from './common-schemas.js';
import { JobSchema, jobView } from './jobs.js';

const nullableNumber = Type.Union([Type.Number(), Type.Null()]);

const ModelSchema = Type.Object({
  id: Type.String(),
  trainedAt: Type.String({ format: 'date-time' }),
  eventSeq: Type.Integer({ description: 'log position the model was trained up to' }),
  trainingSeconds: nullableNumber,
  customers: Type.Union([Type.Integer(), Type.Null()], {
    description: 'customers and anonymous visitors with interactions',
  }),
  items: Type.Union([Type.Integer(), Type.Null()]),
  interactions: Type.Union([Type.Integer(), Type.Null()]),
  validationNdcg: { ...nullableNumber, description: 'NDCG@10 on the hold-out the blend weights were chosen on' },
  components: Type.Array(Type.Object({ name: Type.String(), weight: Type.Number() }), {
    description: 'the blended models and their weights, in blend order',
  }),
  validation: Type.Union(
    [
      Type.Object({
        protocol: Type.Union(
          [Type.Literal('last'), Type.Literal('basket'), Type.Literal('random'), Type.Literal('none')],
          {
            description:
              "last: each customer's last event held out; basket: each customer's newest basket (events of one time); random: a random 20% of each customer's events",
          },
        ),
        reason: Type.String({ description: 'why this protocol: the measurement of the log that decided' }),
        shape: Type.Optional(
          Type.Object(
            {
              events: Type.Integer(),
              users: Type.Integer(),
              items: Type.Integer(),
              medianDistinctItems: Type.Number(),
              tiedShare: Type.Number({ description: "share of events timed like the customer's previous one" }),
              ratingShare: Type.Number(),
              repeatShare: Type.Number({ description: 'share of events naming an item the customer already had' }),
              nextItemLift: Type.Union([Type.Number(), Type.Null()], {
                description: 'how much better the last event is predicted from the order of events than without it',
              }),
            },
            { additionalProperties: true },
          ),
        ),
        tuning: Type.Optional(
          Type.Array(
            Type.Object({
              component: Type.String(),
              chosen: Type.String(),
              tried: Type.Array(Type.Object({ label: Type.String(), ndcg: Type.Number() })),
            }),
            { description: 'hyperparameters chosen on the hold-out (small logs)' },
          ),
        ),
      }),
      Type.Null(),
    ],
    { description: 'how the blend was validated; null for models trained before this was recorded' },
  ),
  bytes: { ...nullableNumber, description: 'size of the stored model' },
});

const EvaluationSchema = Type.Object({
  evaluatedAt: Type.String({ format: 'date-time' }),
  protocol: Type.String({ description: "leave-last-out: each customer's last interaction is held out" }),
  k: Type.Integer(),
  seed: Type.Integer(),
  maxUsers: Type.Integer(),
  users: Type.Integer({ description: 'customers ranked per model' }),
  interactions: Type.Integer(),
  items: Type.Integer(),
  eventSeq: Type.Integer(),
  rows: Type.Array(
    Type.Object({
      model: Type.String(),
      hr: Type.Number({ description: 'hit rate at k' }),
      ndcg: Type.Number(),
      precision: Type.Number(),
      recall: Type.Number(),
      mrr: Type.Number(),
      map: Type.Number(),
      coverage: Type.Number({ description: 'share of the catalogue recommended to anyone' }),
      fitSeconds: Type.Number(),
    }),
  ),
});

const EvaluateBody = Type.Object(
  {
    maxUsers: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 100_000, description: `customers ranked (default ${DEFAULT_EVAL_USERS})` }),
    ),
    models: Type.Optional(
      Type.Array(Type.Union(EVAL_MODELS.map((m) => Type.Literal(m))), {
        minItems: 1,
        uniqueItems: true,
        description: 'default: all ("visual" only once item images have vectors)',
      }),
    ),
  },
  { additionalProperties: false },
);

/** Model status and evaluation routes. */
export const recommendationModelRoutes =
  (engine: Engine): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/v1/recommendations/models',
      {
        config: { permission: 'admin' },
        schema: {
          operationId: 'listRecommendationModels',
          tags: ['recommendations'],
          summary: 'The serving model (training figures, blend weights, size) and the latest offline evaluation',
          response: {
            200: Type.Object({
              model: Type.Union([ModelSchema, Type.Null()], { description: 'null until a model is trained' }),
              evaluation: Type.Union([EvaluationSchema, Type.Null()], { description: 'null until one is run' }),
            }),
            ...errorResponses,
          },
        },
      },
      async () => {
        const { model, evaluation } = await modelStatus(engine.store);
        return {
          model: model && { ...model, trainedAt: toIso(model.trainedAt) },
          evaluation: evaluation && { ...evaluation, evaluatedAt: toIso(evaluation.evaluatedAt) },
        };
      },
    );

    app.post(
      '/v1/recommendations/evaluate',
      {
        config: { permission: 'admin' },
        schema: {
          operationId: 'evaluateRecommendations',
          tags: ['recommendations'],
          summary: 'Evaluate the recommenders on this store (leave-last-out, k = 10) as a job; GET …/models shows it',
          body: Type.Optional(EvaluateBody),
          response: { 202: JobSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const body = request.body ?? {};
        const job = await enqueueEvaluation(engine.jobs, {
          ...(body.maxUsers !== undefined ? { maxUsers: body.maxUsers } : {}),
          ...(body.models !== undefined ? { models: body.models } : {}),
        });
        return reply.status(202).send(jobView(job));
      },
    );
  };
