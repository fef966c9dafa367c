/** /v1/items: the catalogue. */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CustomerItemSchema,
  IdSchema,
  ItemInputSchema,
  ItemPatchSchema,
  ItemSchema,
  NotFoundError,
} from '../../domain/index.js';
import type { Engine } from '../../engine/engine.js';
import { itemView } from '../../platform/index.js';
import { pathId } from './path-id.js';
import { subjectPrices } from '../price-subject.js';
import { IdParams, MAX_BATCH, PageQuery, ProblemSchema, errorResponses } from './common-schemas.js';

const ItemBodySchema = Type.Composite(
  [Type.Omit(ItemInputSchema, ['id']), Type.Object({ id: Type.Optional(ItemInputSchema.properties.id) })],
  {
    additionalProperties: false,
  },
);

/** Catalogue routes. */
export const itemRoutes =
  (engine: Engine): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/v1/items/:id',
      {
        // Browsers may read what the store shows anyway (search and recommendations carry item data), not more.
        config: { permission: 'read' },
        schema: {
          operationId: 'getItem',
          tags: ['items'],
          summary: 'Get an item (the browser key sees active items only)',
          description:
            'With `customerId` or `anonymousId`, as that shopper sees it: the price of their variant when a price experiment runs on the item (see `priceExperiment`). A browser key needs the customer’s token in `X-Customer-Token` for `customerId`; otherwise only `anonymousId` counts.',
          params: IdParams,
          querystring: Type.Object({
            customerId: Type.Optional(IdSchema),
            anonymousId: Type.Optional(IdSchema),
          }),
          response: { 200: CustomerItemSchema, 404: ProblemSchema, ...errorResponses },
        },
      },
      async (request) => {
        const item = await engine.items.get(request.params.id);
        if (request.apiKey?.scope === 'public' && !item.active) {
          throw new NotFoundError(`item "${request.params.id}" does not exist`);
        }
        const prices = await subjectPrices(engine, request, request.query);
        await prices.shown([item.id]);
        return prices.view(itemView(item));
      },
    );

    app.get(
      '/v1/items',
      {
        config: { permission: 'ingest' },
        schema: {
          operationId: 'listItems',
          tags: ['items'],
          summary: 'List items by id',
          querystring: Type.Composite([
            PageQuery,
            Type.Object({
              category: Type.Optional(Type.String({ description: 'category path prefix' })),
              q: Type.Optional(
                Type.String({ minLength: 1, maxLength: 200, description: 'id or title contains (case-insensitive)' }),
              ),
            }),
          ]),
          response: {
            200: Type.Object({ items: Type.Array(ItemSchema), next: Type.Union([Type.String(), Type.Null()]) }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const { limit, after, category, q } = request.query;
        const items = await engine.store.items.list({
          limit,
          ...(after !== undefined ? { after } : {}),
          ...(category !== undefined ? { category } : {}),
          ...(q !== undefined ? { q } : {}),
        });
        return { items: items.map(itemView), next: items.length === limit ? items[items.length - 1]!.id : null };
      },
    );

    app.put(
      '/v1/items/:id',
      {
        config: { permission: 'ingest' },
        schema: {
          operationId: 'putItem',
          tags: ['items'],
          summary: 'Create or replace an item',
          params: IdParams,
          body: ItemBodySchema,
          response: { 200: ItemSchema, ...errorResponses },
        },
      },
      async (request) => {
        const id = pathId(request.params, request.body);
        const [record] = await engine.items.upsert([{ ...request.body, id }]);
        return itemView(record!);
      },
    );

    app.patch(
      '/v1/items/:id',
      {
        config: { permission: 'ingest' },
        schema: {
          operationId: 'updateItem',
          tags: ['items'],
          summary: 'Update some fields of an item',
          params: IdParams,
          body: ItemPatchSchema,
          response: { 200: ItemSchema, 404: ProblemSchema, ...errorResponses },
        },
      },
      async (request) => itemView(await engine.items.patch(request.params.id, request.body)),
    );

    app.delete(
      '/v1/items/:id',
      {
        config: { permission: 'ingest' },
        schema: {
          operationId: 'deleteItem',
          tags: ['items'],
          summary: 'Delete an item',
          params: IdParams,
          response: { 204: Type.Null(), 404: ProblemSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        await engine.items.delete(request.params.id);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/v1/items/batch',
      {
        config: { permission: 'ingest' },
        schema: {
          operationId: 'upsertItems',
          tags: ['items'],
          summary: `Create or replace up to ${MAX_BATCH.toLocaleString('en')} items at once (all or nothing)`,
          body: Type.Object(
            { items: Type.Array(ItemInputSchema, { minItems: 1, maxItems: MAX_BATCH }) },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ upserted: Type.Integer() }), ...errorResponses },
        },
      },
      async (request) => ({ upserted: (await engine.items.upsert(request.body.items)).length }),
    );
  };
