/** /health (the process is up), /ready (it can serve: database reachable, recommendation model loaded) and /v1/stats. */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Engine } from '../../engine/engine.js';
import { ProblemSchema, errorResponses } from './common-schemas.js';

/** Health and overview routes. */
export const healthRoutes =
  (engine: Engine): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/health',
      {
        schema: {
          operationId: 'getHealth',
          tags: ['operations'],
          summary: 'Liveness',
          response: { 200: Type.Object({ status: Type.Literal('ok') }) },
        },
      },
      async () => ({ status: 'ok' as const }),
    );

    app.get(
      '/ready',
      {
        schema: {
          operationId: 'getReadiness',
          tags: ['operations'],
          summary: 'Readiness: the database answers and the recommendation model is loaded',
          description:
            'Answers 503 problem+json while the database does not answer or while the process is still loading its recommendation model (seconds at start on a large catalogue; recommendation requests meanwhile get the log’s popularity with `model: null`). `/health` answers throughout.',
          response: {
            200: Type.Object({ status: Type.Literal('ready'), database: Type.String() }),
            503: ProblemSchema,
          },
        },
      },
      async (_request, reply) => {
        const unavailable = (detail: string) =>
          reply.status(503).header('retry-after', '1').type('application/problem+json').send({
            type: 'urn:daogou:problem:unavailable',
            title: 'Service unavailable',
            status: 503,
            detail,
          });
        if (!(await engine.store.ping())) return unavailable('the database does not answer');
        const model = engine.recommendations.readiness();
        if (!model.ready) return unavailable(model.reason ?? 'the recommendation model is not loaded');
        return { status: 'ready' as const, database: engine.store.dialect };
      },
    );

    app.get(
      '/v1/stats',
      {
        config: { permission: 'admin' },
        schema: {
          operationId: 'getStats',
          tags: ['operations'],
          summary: 'Counts of items, customers, events, orders and revenue',
          response: {
            200: Type.Object({
              items: Type.Integer(),
              customers: Type.Integer(),
              events: Type.Object({
                total: Type.Integer(),
                byType: Type.Record(Type.String(), Type.Integer()),
                byChannel: Type.Record(Type.String(), Type.Integer()),
                customers: Type.Integer(),
                orders: Type.Integer(),
                revenue: Type.Number(),
                firstAt: Type.Union([Type.String(), Type.Null()]),
                lastAt: Type.Union([Type.String(), Type.Null()]),
              }),
            }),
            ...errorResponses,
          },
        },
      },
      async () => {
        const stats = await engine.store.events.stats();
        return {
          items: await engine.store.items.count(),
          customers: await engine.store.customers.count(),
          events: {
            ...stats,
            firstAt: stats.firstAt === null ? null : new Date(stats.firstAt).toISOString(),
            lastAt: stats.lastAt === null ? null : new Date(stats.lastAt).toISOString(),
          },
        };
      },
    );
  };
