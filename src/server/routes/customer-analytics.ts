/** /v1/customers/{id}/profile and /v1/customers/analytics: profiles, scores and the batch analytics run. */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Engine } from '../../engine/engine.js';
import { ANALYSE_JOB, ANALYSE_SINGLETON } from '../../jobs/customer-jobs.js';
import { IdParams, ProblemSchema, errorResponses } from './common-schemas.js';
import { JobSchema, jobView } from './jobs.js';

const Num = Type.Union([Type.Number(), Type.Null()]);
const Time = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);
const Preferences = Type.Array(Type.Object({ key: Type.String(), weight: Type.Number() }));

const InsightSchema = Type.Object({
  customerId: Type.String(),
  profile: Type.Object({
    firstSeen: Type.String({ format: 'date-time' }),
    lastSeen: Type.String({ format: 'date-time' }),
    firstOrder: Time,
    lastOrder: Time,
    orders: Type.Integer(),
    revenue: Type.Number(),
    averageOrderValue: Type.Number(),
    daysSinceLastOrder: Num,
    lifecycle: Type.String({ description: 'prospect, new, active, at_risk, lapsed or churned' }),
    categories: Preferences,
    brands: Preferences,
    priceBands: Preferences,
    channels: Type.Array(Type.String()),
    behaviour: Type.Record(Type.String(), Type.Number()),
    updatedAt: Type.String({ format: 'date-time' }),
  }),
  scores: Type.Union([
    Type.Object({
      rfm: Type.Union([
        Type.Object({ r: Type.Integer(), f: Type.Integer(), m: Type.Integer(), group: Type.String() }),
        Type.Null(),
      ]),
      pAlive: Num,
      expectedPurchases: Num,
      predictedClv: Num,
      churnRisk: Num,
      nextOrderAt: Time,
      cluster: Type.Union([Type.Integer(), Type.Null()]),
      computedAt: Type.String({ format: 'date-time' }),
    }),
    Type.Null(),
  ]),
  segments: Type.Array(
    Type.Object({ id: Type.String(), name: Type.String(), enteredAt: Type.String({ format: 'date-time' }) }),
  ),
});

const OverviewSchema = Type.Object({
  lastRun: Type.Union([
    Type.Object({ id: Type.String(), asOf: Type.String(), computedAt: Type.String() }),
    Type.Null(),
  ]),
  profiles: Type.Integer({ description: 'customers with a stored profile' }),
  rfmGroups: Type.Record(Type.String(), Type.Integer(), { description: 'customers per RFM group' }),
  params: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()], {
    description: 'CLV model parameters (BG/NBD or NBD, Gamma-Gamma), horizons and the cluster criterion',
  }),
  notes: Type.Array(Type.String(), { description: 'why a model could not be fitted, if one could not' }),
  clusters: Type.Array(
    Type.Object({
      id: Type.Integer(),
      size: Type.Integer(),
      description: Type.String(),
      category: Type.Union([Type.String(), Type.Null()]),
      zScores: Type.Record(Type.String(), Type.Number()),
    }),
  ),
});

const RunBody = Type.Object(
  {
    asOf: Type.Optional(
      Type.String({ format: 'date', description: 'analyse as of this day (default: the latest event)' }),
    ),
    horizonDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
    churnHorizonDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 730 })),
  },
  { additionalProperties: false },
);

/** Customer analytics routes. */
export const customerAnalyticsRoutes =
  (engine: Engine): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { insights } = engine.customerAnalytics;

    app.get(
      '/v1/customers/:id/profile',
      {
        config: { permission: 'ingest' },
        schema: {
          operationId: 'getCustomerProfile',
          tags: ['customer analytics'],
          summary: "A customer's profile, RFM, lifetime value, churn risk, cluster and segments",
          params: IdParams,
          response: { 200: InsightSchema, 404: ProblemSchema, ...errorResponses },
        },
      },
      async (request) => insights.profile(request.params.id),
    );

    app.get(
      '/v1/customers/analytics',
      {
        config: { permission: 'admin' },
        schema: {
          operationId: 'getCustomerAnalytics',
          tags: ['customer analytics'],
          summary: 'RFM group counts, model parameters and notes, and described clusters of the latest run',
          response: { 200: OverviewSchema, ...errorResponses },
        },
      },
      async () => insights.overview(),
    );

    app.post(
      '/v1/customers/analytics/run',
      {
        config: { permission: 'admin' },
        schema: {
          operationId: 'runCustomerAnalytics',
          tags: ['customer analytics'],
          summary: 'Start a batch analytics run (returns the job; poll GET /v1/jobs/{id})',
          body: Type.Optional(RunBody),
          response: { 202: JobSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const body = request.body ?? {};
        const payload = {
          ...(body.asOf !== undefined ? { asOf: Date.parse(`${body.asOf}T23:59:59.999Z`) } : {}),
          ...(body.horizonDays !== undefined ? { horizonDays: body.horizonDays } : {}),
          ...(body.churnHorizonDays !== undefined ? { churnHorizonDays: body.churnHorizonDays } : {}),
        };
        const job = await engine.jobs.enqueue(ANALYSE_JOB, payload, { singletonKey: ANALYSE_SINGLETON });
        return reply.status(202).send(jobView(job));
      },
    );
  };
