/** /v1/segments: saved rule-based segments, their members (JSON or CSV), overlap and rule previews. */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { ValidationError, toIso } from '../../domain/index.js';
import type { Engine } from '../../engine/engine.js';
import type { SegmentRecord } from '../../store/repositories/segment-repository.js';
import { IdParams, ProblemSchema, errorResponses } from './common-schemas.js';

const RULE_DOC =
  'a segment rule, e.g. `bought("女装", 30d) and churn_risk > 0.6`; the language is documented in docs/customers.md';

const SegmentSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    rule: Type.String(),
    description: Type.Union([Type.String(), Type.Null()]),
    size: Type.Integer({ description: 'current number of members' }),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    evaluatedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { $id: 'Segment' },
);

const SegmentInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    rule: Type.String({ minLength: 1, maxLength: 4000, description: RULE_DOC }),
    description: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
  },
  { additionalProperties: false },
);

const segmentView = (s: SegmentRecord) => ({
  ...s,
  createdAt: toIso(s.createdAt),
  updatedAt: toIso(s.updatedAt),
  evaluatedAt: s.evaluatedAt === null ? null : toIso(s.evaluatedAt),
});

/** Segment routes (all admin). */
export const segmentRoutes =
  (engine: Engine): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { segments } = engine.customerAnalytics;
    const admin = { permission: 'admin' as const };

    app.post(
      '/v1/segments',
      {
        config: admin,
        schema: {
          operationId: 'createSegment',
          tags: ['segments'],
          summary: 'Save a segment; its members are computed now and kept up to date',
          body: SegmentInput,
          response: { 201: SegmentSchema, 409: ProblemSchema, ...errorResponses },
        },
      },
      async (request, reply) => reply.status(201).send(segmentView(await segments.create(request.body))),
    );

    app.get(
      '/v1/segments',
      {
        config: admin,
        schema: {
          operationId: 'listSegments',
          tags: ['segments'],
          summary: 'Every saved segment with its size',
          response: { 200: Type.Object({ segments: Type.Array(SegmentSchema) }), ...errorResponses },
        },
      },
      async () => ({ segments: (await segments.list()).map(segmentView) }),
    );

    app.post(
      '/v1/segments/preview',
      {
        config: admin,
        schema: {
          operationId: 'previewSegment',
          tags: ['segments'],
          summary: "A rule's size and a sample of its members, without saving it",
          body: Type.Object(
            {
              rule: Type.String({ minLength: 1, maxLength: 4000, description: RULE_DOC }),
              sample: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000, default: 20 })),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({ size: Type.Integer(), sample: Type.Array(Type.String()) }),
            ...errorResponses,
          },
        },
      },
      async (request) => segments.preview(request.body.rule, request.body.sample ?? 20),
    );

    app.get(
      '/v1/segments/overlap',
      {
        config: admin,
        schema: {
          operationId: 'getSegmentOverlap',
          tags: ['segments'],
          summary: 'Pairwise overlap of segments: customers in both and the Jaccard index',
          querystring: Type.Object({ ids: Type.String({ description: 'comma-separated segment ids (2 to 20)' }) }),
          response: {
            200: Type.Object({
              segments: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), size: Type.Integer() })),
              pairs: Type.Array(
                Type.Object({ a: Type.String(), b: Type.String(), both: Type.Integer(), jaccard: Type.Number() }),
              ),
            }),
            404: ProblemSchema,
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const ids = [
          ...new Set(
            request.query.ids
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean),
          ),
        ];
        if (ids.length < 2 || ids.length > 20) {
          throw new ValidationError([{ field: 'ids', message: `expected 2 to 20 segment ids, got ${ids.length}` }]);
        }
        return segments.overlap(ids);
      },
    );

    app.get(
      '/v1/segments/:id',
      {
        config: admin,
        schema: {
          operationId: 'getSegment',
          tags: ['segments'],
          summary: 'One segment',
          params: IdParams,
          response: { 200: SegmentSchema, 404: ProblemSchema, ...errorResponses },
        },
      },
      async (request) => segmentView(await segments.get(request.params.id)),
    );

    app.put(
      '/v1/segments/:id',
      {
        config: admin,
        schema: {
          operationId: 'updateSegment',
          tags: ['segments'],
          summary: 'Change a segment; a new rule re-evaluates it (entries and exits are logged as events)',
          params: IdParams,
          body: SegmentInput,
          response: { 200: SegmentSchema, 404: ProblemSchema, 409: ProblemSchema, ...errorResponses },
        },
      },
      async (request) => segmentView(await segments.update(request.params.id, request.body)),
    );

    app.delete(
      '/v1/segments/:id',
      {
        config: admin,
        schema: {
          operationId: 'deleteSegment',
          tags: ['segments'],
          summary: 'Delete a segment and its membership',
          params: IdParams,
          response: { 204: Type.Null(), 404: ProblemSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        await segments.delete(request.params.id);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/v1/segments/:id/members',
      {
        config: admin,
        schema: {
          operationId: 'listSegmentMembers',
          tags: ['segments'],
          summary: 'Members in customer id order, as JSON (paged with `after`) or as a CSV export',
          params: IdParams,
          querystring: Type.Object({
            format: Type.Union([Type.Literal('json'), Type.Literal('csv')], { default: 'json' }),
            limit: Type.Integer({ minimum: 1, maximum: 100_000, default: 1000 }),
            after: Type.Optional(Type.String({ description: 'return members after this customer id' })),
          }),
          response: {
            200: Type.Object({
              members: Type.Array(Type.Object({ customerId: Type.String(), enteredAt: Type.String() })),
              next: Type.Union([Type.String(), Type.Null()]),
            }),
            404: ProblemSchema,
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        const { format, limit, after } = request.query;
        const members = await segments.members(request.params.id, { limit, ...(after !== undefined ? { after } : {}) });
        const next = members.length === limit ? members[members.length - 1]!.customerId : null;
        if (format === 'csv') {
          const lines = [
            'customer_id,entered_at',
            ...members.map((m) => `${csvCell(m.customerId)},${toIso(m.enteredAt)}`),
          ];
          if (next !== null)
            void reply.header('link', `<?format=csv&limit=${limit}&after=${encodeURIComponent(next)}>; rel="next"`);
          // The typed reply only knows the JSON schema; the CSV body bypasses it with its own serializer.
          return (reply as unknown as FastifyReply)
            .type('text/csv; charset=utf-8')
            .header('content-disposition', `attachment; filename="segment-${request.params.id}.csv"`)
            .serializer((s: string) => s)
            .send(`${lines.join('\n')}\n`);
        }
        return { members: members.map((m) => ({ customerId: m.customerId, enteredAt: toIso(m.enteredAt) })), next };
      },
    );
  };

/** Quotes a CSV cell when it holds a comma, quote or line break. */
function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
