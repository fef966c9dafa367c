/** /v1/stats/overview: the console's KPIs, time series and breakdowns over a period. */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { toIso } from '../../domain/index.js';
import type { Engine } from '../../engine/engine.js';
import { MAX_OVERVIEW_BUCKETS } from '../../platform/index.js';
import { errorResponses } from './common-schemas.js';
import { parseTime, TimeQuery } from './time-query.js';

const OverviewQuery = Type.Object({
  from: Type.Optional({ ...TimeQuery, description: `start (inclusive); default: 30 days before \`to\`` }),
  to: Type.Optional({ ...TimeQuery, description: 'end (exclusive); default: now' }),
  interval: Type.Union([Type.Literal('day'), Type.Literal('hour')], { default: 'day' }),
  offsetMinutes: Type.Integer({
    minimum: -720,
    maximum: 840,
    default: 0,
    description: 'minutes east of UTC where days and hours start (480 for China)',
  }),
});

const TotalsSchema = Type.Object({
  events: Type.Integer({ description: 'shopper events (identity merges and segment entries/exits left out)' }),
  activeCustomers: Type.Integer({ description: 'distinct customers and anonymous visitors with events' }),
  newCustomers: Type.Integer({ description: 'customers first seen (or created) in the period' }),
  orders: Type.Integer({ description: 'distinct order ids of purchases; a purchase without one counts alone' }),
  revenue: Type.Number({ description: 'sum of purchase revenue (currencies are not converted)' }),
  sessions: Type.Integer({ description: 'distinct sessions; events without a session count their visitor' }),
  convertedSessions: Type.Integer({ description: 'sessions (or visitors) with a purchase' }),
  conversion: Type.Number({ description: 'convertedSessions / sessions' }),
});

const OverviewSchema = Type.Object({
  from: Type.String({ format: 'date-time' }),
  to: Type.String({ format: 'date-time' }),
  interval: Type.String(),
  offsetMinutes: Type.Integer(),
  totals: TotalsSchema,
  previous: Type.Object(
    { from: Type.String({ format: 'date-time' }), to: Type.String({ format: 'date-time' }), totals: TotalsSchema },
    { description: 'the period of the same length just before, for comparison' },
  ),
  series: Type.Array(
    Type.Object({
      start: Type.String({ format: 'date-time' }),
      events: Type.Integer(),
      orders: Type.Integer(),
      revenue: Type.Number(),
      activeCustomers: Type.Integer(),
    }),
    { description: `one entry per bucket, empty ones as zeros (at most ${MAX_OVERVIEW_BUCKETS})` },
  ),
  channels: Type.Array(
    Type.Object({ channel: Type.String(), events: Type.Integer(), orders: Type.Integer(), revenue: Type.Number() }),
  ),
  eventTypes: Type.Array(Type.Object({ type: Type.String(), events: Type.Integer() })),
});

/** Statistics routes. */
export const statsRoutes =
  (engine: Engine): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/v1/stats/overview',
      {
        config: { permission: 'admin' },
        schema: {
          operationId: 'getStatsOverview',
          tags: ['statistics'],
          summary: 'KPIs of a period and the period before, a time series and breakdowns by channel and type',
          description:
            'Aggregated by the database over the event log. Buckets are whole days or hours (shifted by `offsetMinutes`); the first may start before `from`, but only events from `from` on are counted.',
          querystring: OverviewQuery,
          response: { 200: OverviewSchema, ...errorResponses },
        },
      },
      async (request) => {
        const { interval, offsetMinutes } = request.query;
        const from = parseTime(request.query.from, 'from');
        const to = parseTime(request.query.to, 'to');
        const o = await engine.overview.overview({
          interval,
          offsetMinutes,
          ...(from !== undefined ? { from } : {}),
          ...(to !== undefined ? { to } : {}),
        });
        return {
          from: toIso(o.from),
          to: toIso(o.to),
          interval: o.interval,
          offsetMinutes: o.offsetMinutes,
          totals: o.totals,
          previous: { from: toIso(o.previous.from), to: toIso(o.previous.to), totals: o.previous.totals },
          series: o.series.map((b) => ({ ...b, start: toIso(b.start) })),
          channels: o.channels,
          eventTypes: o.eventTypes,
        };
      },
    );
  };
