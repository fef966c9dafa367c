/** /v1/customers: customers, their timeline, GDPR export and erasure. */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CustomerInputSchema,
  CustomerPatchSchema,
  CustomerSchema,
  EventSchema,
  toIso,
  type Customer,
  toEpochMs,
  TimestampInputSchema,
} from '../../domain/index.js';
import type { Engine } from '../../engine/engine.js';
import { SYSTEM_EVENT_TYPES } from '../../platform/index.js';
import { customerView, eventView } from '../../platform/index.js';
import type { CustomerActivity } from '../../store/repositories/event-analytics-repository.js';
import { pathId } from './path-id.js';
import { IdParams, MAX_BATCH, PageQuery, ProblemSchema, errorResponses } from './common-schemas.js';

const CustomerBodySchema = Type.Composite(
  [Type.Omit(CustomerInputSchema, ['id']), Type.Object({ id: Type.Optional(CustomerInputSchema.properties.id) })],
  { additionalProperties: false },
);

const CustomerListQuery = Type.Object({
  q: Type.Optional(
    Type.String({ minLength: 1, maxLength: 200, description: 'id, name or email contains (case-insensitive)' }),
  ),
  activity: Type.Optional(Type.Boolean({ description: 'add each customer’s event count and last event time' })),
});
const CustomerListEntrySchema = Type.Composite([
  CustomerSchema,
  Type.Object({
    events: Type.Optional(Type.Integer({ description: 'with activity=true: events attributed to the customer' })),
    lastSeenAt: Type.Optional(
      Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'with activity=true' }),
    ),
  }),
]);

function withActivity(view: Customer, seen: CustomerActivity | undefined, asked: boolean) {
  if (!asked) return view;
  return { ...view, events: seen?.events ?? 0, lastSeenAt: seen ? toIso(seen.lastSeenAt) : null };
}

/** Customer routes. */
export const customerRoutes =
  (engine: Engine): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/v1/customers/:id',
      {
        config: { permission: 'ingest' },
        schema: {
          operationId: 'getCustomer',
          tags: ['customers'],
          summary: 'Get a customer',
          params: IdParams,
          response: { 200: CustomerSchema, 404: ProblemSchema, ...errorResponses },
        },
      },
      async (request) => customerView(await engine.customers.get(request.params.id)),
    );

    app.get(
      '/v1/customers',
      {
        config: { permission: 'ingest' },
        schema: {
          operationId: 'listCustomers',
          tags: ['customers'],
          summary: 'List customers by id',
          querystring: Type.Composite([PageQuery, CustomerListQuery]),
          response: {
            200: Type.Object({
              customers: Type.Array(CustomerListEntrySchema),
              next: Type.Union([Type.String(), Type.Null()]),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const { limit, after, q, activity } = request.query;
        const customers = await engine.store.customers.list({
          limit,
          ...(after !== undefined ? { after } : {}),
          ...(q !== undefined ? { q } : {}),
        });
        const seen = activity
          ? await engine.store.eventAnalytics.customerActivity(
              customers.map((c) => c.id),
              SYSTEM_EVENT_TYPES,
            )
          : undefined;
        return {
          customers: customers.map((c) => withActivity(customerView(c), seen?.get(c.id), seen !== undefined)),
          next: customers.length === limit ? customers[customers.length - 1]!.id : null,
        };
      },
    );

    app.put(
      '/v1/customers/:id',
      {
        config: { permission: 'ingest' },
        schema: {
          operationId: 'putCustomer',
          tags: ['customers'],
          summary: 'Create or replace a customer',
          params: IdParams,
          body: CustomerBodySchema,
          response: { 200: CustomerSchema, ...errorResponses },
        },
      },
      async (request) => {
        const id = pathId(request.params, request.body);
        const [record] = await engine.customers.upsert([{ ...request.body, id }]);
        return customerView(record!);
      },
    );

    app.patch(
      '/v1/customers/:id',
      {
        config: { permission: 'ingest' },
        schema: {
          operationId: 'updateCustomer',
          tags: ['customers'],
          summary: 'Merge traits and update consent',
          params: IdParams,
          body: CustomerPatchSchema,
          response: { 200: CustomerSchema, 404: ProblemSchema, ...errorResponses },
        },
      },
      async (request) => customerView(await engine.customers.patch(request.params.id, request.body)),
    );

    app.post(
      '/v1/customers/batch',
      {
        config: { permission: 'ingest' },
        schema: {
          operationId: 'upsertCustomers',
          tags: ['customers'],
          summary: `Create or replace up to ${MAX_BATCH.toLocaleString('en')} customers at once (all or nothing)`,
          body: Type.Object(
            { customers: Type.Array(CustomerInputSchema, { minItems: 1, maxItems: MAX_BATCH }) },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ upserted: Type.Integer() }), ...errorResponses },
        },
      },
      async (request) => ({ upserted: (await engine.customers.upsert(request.body.customers)).length }),
    );

    app.get(
      '/v1/customers/:id/timeline',
      {
        config: { permission: 'admin' },
        schema: {
          operationId: 'getCustomerTimeline',
          tags: ['customers'],
          summary: "A customer's events, newest first",
          params: IdParams,
          querystring: Type.Object({
            limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
            before: Type.Optional(TimestampInputSchema),
            types: Type.Optional(Type.String({ description: 'comma-separated event types' })),
          }),
          response: {
            200: Type.Object({ events: Type.Array(EventSchema), next: Type.Union([Type.String(), Type.Null()]) }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const { limit, before, types } = request.query;
        const events = await engine.store.events.timeline(request.params.id, {
          limit,
          ...(before !== undefined ? { before: toEpochMs(before) } : {}),
          ...(types ? { types: types.split(',').map((t) => t.trim()) } : {}),
        });
        const last = events[events.length - 1];
        return {
          events: events.map(eventView),
          next: events.length === limit && last ? new Date(last.timestamp).toISOString() : null,
        };
      },
    );

    app.get(
      '/v1/customers/:id/export',
      {
        config: { permission: 'admin' },
        schema: {
          operationId: 'exportCustomerData',
          tags: ['privacy'],
          summary: 'GDPR export: everything held about a customer',
          params: IdParams,
          response: {
            200: Type.Object({
              exportedAt: Type.String(),
              customer: Type.Union([CustomerSchema, Type.Null()]),
              identities: Type.Array(Type.Object({ anonymousId: Type.String(), mergedAt: Type.String() })),
              events: Type.Array(EventSchema),
            }),
            404: ProblemSchema,
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        const data = await engine.privacy.export(request.params.id);
        return reply
          .header(
            'content-disposition',
            `attachment; filename="customer-${encodeURIComponent(request.params.id)}.json"`,
          )
          .send(data);
      },
    );

    app.delete(
      '/v1/customers/:id',
      {
        config: { permission: 'admin' },
        schema: {
          operationId: 'eraseCustomer',
          tags: ['privacy'],
          summary: 'GDPR erase: delete the customer and their personal data',
          description:
            'Events are deleted or stripped of personal data (anonymised), per `events` or the configured default.',
          params: IdParams,
          querystring: Type.Object({
            events: Type.Optional(Type.Union([Type.Literal('delete'), Type.Literal('anonymise')])),
          }),
          response: {
            200: Type.Object({
              customerId: Type.String(),
              mode: Type.String(),
              customerDeleted: Type.Boolean(),
              identitiesDeleted: Type.Integer(),
              eventsAffected: Type.Integer(),
            }),
            404: ProblemSchema,
            ...errorResponses,
          },
        },
      },
      async (request) => engine.privacy.erase(request.params.id, request.query.events),
    );
  };
