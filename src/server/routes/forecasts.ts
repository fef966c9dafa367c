/** /v1/forecasts, /v1/inventory and /v1/pricing: stored forecasts, ad-hoc forecasts, inventory, price suggestions. */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ValidationError } from '../../domain/index.js';
import type { Engine } from '../../engine/engine.js';
import { iso, seriesFromRows, type HistoryRow } from '../../forecast/index.js';
import { FORECAST_JOB, PRICING_JOB } from '../../jobs/forecast-jobs.js';
import { IdParams, ProblemSchema, errorResponses } from './common-schemas.js';
import { JobSchema, jobView } from './jobs.js';

const Numbers = Type.Array(Type.Number());
const Interval = Type.Object({ level: Type.Number(), lower: Numbers, upper: Numbers });
const SeriesSchema = Type.Object({
  key: Type.String({ description: 'item:<id>, category:<name>, channel:<name> or store' }),
  level: Type.String(),
  label: Type.String(),
  frequency: Type.String(),
  computedAt: Type.String({ format: 'date-time' }),
  body: Type.Record(Type.String(), Type.Unknown(), {
    description: 'history, forecast (periods, mean, intervals), components and, for tracked items, inventory',
  }),
});
const ElasticitySchema = Type.Object({
  itemId: Type.String(),
  title: Type.String(),
  category: Type.String(),
  elasticity: Type.Number({ description: '% change in units for a 1% change in price (negative: demand falls)' }),
  low: Type.Number({ description: 'lower end of the 95% interval' }),
  high: Type.Number({ description: 'upper end of the 95% interval' }),
  source: Type.String({ description: 'item, shrunk or category' }),
  detail: Type.Record(Type.String(), Type.Unknown(), {
    description:
      "standard error, the item's own regression (elasticity, se, observations), its weight against the category, the category's average with its interval, the promotion lift",
  }),
  computedAt: Type.String({ format: 'date-time' }),
});
const RISKS = ['stockout', 'reorder', 'ok', 'overstock'] as const;

const ListQuery = Type.Object({
  level: Type.Optional(Type.Union(['item', 'category', 'channel', 'store'].map((l) => Type.Literal(l)))),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
});
const InventoryQuery = Type.Object({
  risk: Type.Optional(Type.Array(Type.Union(RISKS.map((r) => Type.Literal(r))), { description: 'only these risks' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
});

const ComputeBody = Type.Object(
  {
    horizon: Type.Integer({ minimum: 1, maximum: 1000 }),
    levels: Type.Optional(Type.Array(Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 100 }), { maxItems: 5 })),
    rows: Type.Array(
      Type.Object({
        series_id: Type.String({ minLength: 1, maxLength: 500 }),
        period: Type.String({ description: 'YYYY-MM-DD or YYYY-MM' }),
        value: Type.Number(),
      }),
      { minItems: 1, maxItems: 200_000 },
    ),
  },
  { additionalProperties: false },
);
const ComputeResponse = Type.Object({
  forecasts: Type.Array(
    Type.Object({
      seriesId: Type.String(),
      frequency: Type.String(),
      periods: Type.Array(Type.String()),
      mean: Numbers,
      intervals: Type.Array(Interval),
      components: Type.Array(Type.Object({ model: Type.String(), weight: Type.Number() })),
    }),
  ),
});

const SuggestionSchema = Type.Object({
  id: Type.String(),
  itemId: Type.String(),
  status: Type.String(),
  currentPrice: Type.Number(),
  suggestedPrice: Type.Number(),
  createdAt: Type.String({ format: 'date-time' }),
  decidedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  experimentId: Type.Optional(Type.String({ description: 'the experiment testing it, when accepted as one' })),
  explanation: Type.Record(Type.String(), Type.Unknown(), {
    description: 'elasticity with interval, current and suggested units, revenue and profit, rule that bound it',
  }),
});
const PricingRunBody = Type.Object(
  {
    objective: Type.Optional(Type.Union([Type.Literal('profit'), Type.Literal('revenue')])),
    maxChange: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 0.9 })),
    minMargin: Type.Optional(Type.Number({ minimum: 0, exclusiveMaximum: 1 })),
    ending: Type.Optional(Type.Union(['0.99', '0.95', '0.90', 'whole', 'none'].map((e) => Type.Literal(e)))),
  },
  { additionalProperties: false },
);

const time = (ms: number) => new Date(ms).toISOString();

/** Forecast, inventory and pricing routes. */
export const forecastRoutes =
  (engine: Engine): FastifyPluginAsyncTypebox =>
  async (app) => {
    const seriesView = (s: Awaited<ReturnType<typeof engine.store.forecasts.get>> & object) => ({
      key: s.key,
      level: s.level,
      label: s.label,
      frequency: s.frequency,
      computedAt: time(s.computedAt),
      body: s.body,
    });

    app.get(
      '/v1/forecasts',
      {
        config: { permission: 'admin' },
        schema: {
          tags: ['forecasting'],
          operationId: 'listForecasts',
          summary: 'Stored forecasts of the latest run, by level',
          querystring: ListQuery,
          response: {
            200: Type.Object({ total: Type.Integer(), series: Type.Array(SeriesSchema) }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const { level, limit, offset } = request.query;
        const page = await engine.store.forecasts.list({
          ...(level ? { level } : {}),
          limit: limit ?? 50,
          offset: offset ?? 0,
        });
        return { total: page.total, series: page.series.map(seriesView) };
      },
    );

    app.get(
      '/v1/forecasts/:id',
      {
        config: { permission: 'admin' },
        schema: {
          tags: ['forecasting'],
          operationId: 'getForecast',
          summary: 'One stored forecast by key (e.g. item:sku-1, store)',
          params: IdParams,
          response: { 200: SeriesSchema, 404: ProblemSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const s = await engine.store.forecasts.get(request.params.id);
        if (!s)
          return reply
            .status(404)
            .type('application/problem+json')
            .send({
              type: 'about:blank',
              title: 'Not found',
              status: 404,
              detail: `no forecast for ${request.params.id}`,
            });
        return seriesView(s);
      },
    );

    app.post(
      '/v1/forecasts/run',
      {
        config: { permission: 'admin' },
        schema: {
          tags: ['forecasting'],
          operationId: 'runForecasts',
          summary: 'Start a forecasting run over the purchase log (returns the job)',
          body: Type.Optional(
            Type.Object(
              {
                frequency: Type.Optional(
                  Type.Union([Type.Literal('day'), Type.Literal('week'), Type.Literal('month')], {
                    description:
                      'periods the purchases are bucketed by (default week); pricing follows weekly runs only',
                  }),
                ),
                horizon: Type.Optional(Type.Integer({ minimum: 1, maximum: 366 })),
                thenPricing: Type.Optional(Type.Boolean()),
              },
              { additionalProperties: false },
            ),
          ),
          response: { 202: JobSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const job = await engine.jobs.enqueue(FORECAST_JOB, request.body ?? {}, { singletonKey: FORECAST_JOB });
        return reply.status(202).send(jobView(job));
      },
    );

    app.post(
      '/v1/forecasts/compute',
      {
        config: { permission: 'admin' },
        schema: {
          tags: ['forecasting'],
          operationId: 'computeForecasts',
          summary: 'Forecast a history sent in the request (rows of series_id, period, value); nothing is stored',
          body: ComputeBody,
          response: { 200: ComputeResponse, ...errorResponses },
        },
      },
      async (request) => {
        const rows: HistoryRow[] = request.body.rows.map((r, i) => ({
          seriesId: r.series_id,
          period: r.period,
          value: r.value,
          line: i,
        }));
        let series;
        try {
          series = seriesFromRows(rows);
        } catch (error) {
          // Rows are indexed in a JSON body, not lines of a file.
          if (error instanceof ValidationError)
            throw new ValidationError(
              error.issues.map(({ line, ...issue }) => ({
                ...issue,
                field: `rows.${issue.field}`,
                ...(line !== undefined ? { index: line } : {}),
              })),
            );
          throw error;
        }
        const forecasts = await engine.forecasts.forecastSeries(series, request.body.horizon, request.body.levels);
        return {
          forecasts: forecasts.map((f) => ({
            seriesId: f.id,
            frequency: f.frequency,
            periods: f.periods.map(iso),
            mean: Array.from(f.mean),
            intervals: f.intervals.map((i) => ({
              level: i.level,
              lower: Array.from(i.lower),
              upper: Array.from(i.upper),
            })),
            components: f.components.map((c) => ({ model: c.model, weight: c.weight })),
          })),
        };
      },
    );

    app.get(
      '/v1/inventory',
      {
        config: { permission: 'admin' },
        schema: {
          tags: ['forecasting'],
          operationId: 'listInventory',
          summary: 'Items with tracked stock, most at risk first: reorder point, safety stock, cover, stock-out risk',
          querystring: InventoryQuery,
          response: {
            200: Type.Object({
              total: Type.Integer(),
              counts: Type.Record(Type.String(), Type.Integer()),
              series: Type.Array(SeriesSchema),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const { risk, limit, offset } = request.query;
        const ranks = (risk ?? []).map((r) => RISKS.indexOf(r));
        const page = await engine.store.forecasts.list({
          level: 'item',
          riskRanks: ranks.length > 0 ? ranks : [0, 1, 2, 3],
          limit: limit ?? 50,
          offset: offset ?? 0,
        });
        const counts = await engine.store.forecasts.riskCounts();
        return {
          total: page.total,
          counts: Object.fromEntries(RISKS.map((r, i) => [r, counts[i] ?? 0])),
          series: page.series.map(seriesView),
        };
      },
    );

    app.get(
      '/v1/pricing/suggestions',
      {
        config: { permission: 'admin' },
        schema: {
          tags: ['pricing'],
          operationId: 'listPriceSuggestions',
          summary: 'Price suggestions by status (default pending), newest first',
          querystring: Type.Object({
            status: Type.Optional(
              Type.Union(['pending', 'accepted', 'rejected', 'superseded'].map((s) => Type.Literal(s))),
            ),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
            offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
          }),
          response: { 200: Type.Object({ suggestions: Type.Array(SuggestionSchema) }), ...errorResponses },
        },
      },
      async (request) => {
        const q = request.query;
        const list = await engine.pricing.list(
          (q.status ?? 'pending') as 'pending' | 'accepted' | 'rejected' | 'superseded',
          q.limit ?? 100,
          q.offset ?? 0,
        );
        return { suggestions: list.map(suggestionView) };
      },
    );

    app.get(
      '/v1/pricing/elasticities',
      {
        config: { permission: 'admin' },
        schema: {
          tags: ['pricing'],
          operationId: 'listElasticities',
          summary: 'Price elasticity per item from the latest pricing run, with 95% intervals, by category then item',
          querystring: Type.Object({
            category: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
            source: Type.Optional(
              Type.Union(
                ['item', 'shrunk', 'category'].map((s) => Type.Literal(s)),
                {
                  description:
                    "item: the item's own price variation; shrunk: its own, pulled toward the category; category: the category's only",
                },
              ),
            ),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
            offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
          }),
          response: {
            200: Type.Object({ total: Type.Integer(), elasticities: Type.Array(ElasticitySchema) }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const { category, source, limit, offset } = request.query;
        const page = await engine.pricing.elasticities({
          ...(category !== undefined ? { category } : {}),
          ...(source !== undefined ? { source } : {}),
          limit: limit ?? 50,
          offset: offset ?? 0,
        });
        return {
          total: page.total,
          elasticities: page.estimates.map((e) => ({
            itemId: e.itemId,
            title: typeof e.body.title === 'string' ? e.body.title : e.itemId,
            category: e.category,
            elasticity: e.elasticity,
            low: e.low,
            high: e.high,
            source: e.source,
            detail: e.body,
            computedAt: new Date(e.computedAt).toISOString(),
          })),
        };
      },
    );

    app.post(
      '/v1/pricing/suggestions/:id/experiment',
      {
        config: { permission: 'admin' },
        schema: {
          tags: ['pricing'],
          operationId: 'experimentPriceSuggestion',
          summary:
            'Accept a pending suggestion as an experiment: the price stays, and an experiment on the price surface shows the suggested price to its treatment variant',
          description:
            "Variants control and treatment carry { itemId, price } in their config (the shop shows the assigned variant's price); the read-out compares the item's profit per exposed customer (when the item has a cost attribute) and its revenue.",
          params: IdParams,
          body: Type.Optional(
            Type.Object(
              {
                traffic: Type.Optional(
                  Type.Number({
                    exclusiveMinimum: 0,
                    maximum: 1,
                    description: 'share of customers in the experiment (default 1)',
                  }),
                ),
              },
              { additionalProperties: false },
            ),
          ),
          response: { 200: SuggestionSchema, 404: ProblemSchema, 409: ProblemSchema, ...errorResponses },
        },
      },
      async (request) => suggestionView(await engine.pricing.acceptAsExperiment(request.params.id, request.body ?? {})),
    );

    for (const decision of ['accept', 'reject'] as const) {
      app.post(
        `/v1/pricing/suggestions/:id/${decision}`,
        {
          config: { permission: 'admin' },
          schema: {
            tags: ['pricing'],
            operationId: `${decision}PriceSuggestion`,
            summary:
              decision === 'accept'
                ? "Accept a pending suggestion: the item's price is set to it"
                : 'Reject a pending suggestion',
            params: IdParams,
            response: { 200: SuggestionSchema, 404: ProblemSchema, 409: ProblemSchema, ...errorResponses },
          },
        },
        async (request) =>
          suggestionView(
            await engine.pricing.decide(request.params.id, decision === 'accept' ? 'accepted' : 'rejected'),
          ),
      );
    }

    app.post(
      '/v1/pricing/run',
      {
        config: { permission: 'admin' },
        schema: {
          tags: ['pricing'],
          operationId: 'runPricing',
          summary:
            'Start a pricing run: elasticities and fresh suggestions under the given guard rails (returns the job)',
          body: Type.Optional(PricingRunBody),
          response: { 202: JobSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const job = await engine.jobs.enqueue(PRICING_JOB, request.body ?? {}, { singletonKey: PRICING_JOB });
        return reply.status(202).send(jobView(job));
      },
    );
  };

function suggestionView(s: {
  id: string;
  itemId: string;
  status: string;
  currentPrice: number;
  suggestedPrice: number;
  body: Record<string, unknown>;
  createdAt: number;
  decidedAt: number | null;
}) {
  return {
    id: s.id,
    itemId: s.itemId,
    status: s.status,
    currentPrice: s.currentPrice,
    suggestedPrice: s.suggestedPrice,
    createdAt: time(s.createdAt),
    decidedAt: s.decidedAt === null ? null : time(s.decidedAt),
    ...(typeof s.body.experimentId === 'string' ? { experimentId: s.body.experimentId } : {}),
    explanation: s.body,
  };
}
