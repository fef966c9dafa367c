/**
 * /v1/connectors: connect a Shopify or WooCommerce store (admin key), start a history import (a job), see
 * its progress and errors; and the webhook endpoint each platform calls, authenticated by its signature.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Engine } from '../../engine/engine.js';
import { enqueueConnectorSync } from '../../jobs/connector-jobs.js';
import { IdParams, ProblemSchema } from './common-schemas.js';

const tags = ['connectors'];
const admin = { permission: 'admin' as const };

const SyncSchema = Type.Object({
  state: Type.Union(['never', 'queued', 'running', 'done', 'failed'].map((s) => Type.Literal(s))),
  startedAt: Type.Union([Type.Number(), Type.Null()]),
  finishedAt: Type.Union([Type.Number(), Type.Null()]),
  counts: Type.Record(Type.String(), Type.Integer()),
  phase: Type.Union([Type.String(), Type.Null()]),
  errors: Type.Array(Type.Object({ at: Type.Number(), message: Type.String() })),
});
const ConnectorSchema = Type.Object(
  {
    id: Type.String(),
    platform: Type.Union([Type.Literal('shopify'), Type.Literal('woocommerce')]),
    name: Type.String(),
    baseUrl: Type.String(),
    credentials: Type.Record(Type.String(), Type.String(), { description: 'only the last characters of each' }),
    webhookPath: Type.String(),
    sync: SyncSchema,
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Connector' },
);
const CreateBody = Type.Object(
  {
    platform: Type.Union([Type.Literal('shopify'), Type.Literal('woocommerce')]),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    baseUrl: Type.String({
      minLength: 1,
      maxLength: 500,
      description: 'https://<shop>.myshopify.com or the WordPress site',
    }),
    accessToken: Type.Optional(
      Type.String({ minLength: 1, maxLength: 500, description: 'Shopify Admin API access token' }),
    ),
    consumerKey: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    consumerSecret: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    webhookSecret: Type.Optional(
      Type.String({
        minLength: 8,
        maxLength: 500,
        description: "Shopify: the app's API secret; WooCommerce: generated when absent",
      }),
    ),
  },
  { additionalProperties: false },
);

const UpdateBody = Type.Object(
  {
    name: CreateBody.properties.name,
    baseUrl: Type.Optional(CreateBody.properties.baseUrl),
    accessToken: CreateBody.properties.accessToken,
    consumerKey: CreateBody.properties.consumerKey,
    consumerSecret: CreateBody.properties.consumerSecret,
    webhookSecret: CreateBody.properties.webhookSecret,
  },
  { additionalProperties: false, minProperties: 1 },
);

/** The admin routes. */
export const connectorRoutes =
  (engine: Engine): FastifyPluginAsyncTypebox =>
  async (app) => {
    const connectors = engine.connectors.stores;
    app.post(
      '/v1/connectors',
      {
        config: admin,
        schema: {
          operationId: 'createConnector',
          tags,
          summary: 'Connect a Shopify or WooCommerce store',
          description:
            'The answer carries the webhook secret once; configure the platform to send webhooks to `webhookPath`.',
          body: CreateBody,
          response: { 201: Type.Object({ connector: ConnectorSchema, webhookSecret: Type.String() }) },
        },
      },
      async (request, reply) => reply.status(201).send(await connectors.create(request.body)),
    );
    app.get(
      '/v1/connectors',
      {
        config: admin,
        schema: {
          operationId: 'listConnectors',
          tags,
          summary: 'Connected stores with their last synchronisation',
          response: { 200: Type.Object({ connectors: Type.Array(ConnectorSchema) }) },
        },
      },
      async () => ({ connectors: await connectors.list() }),
    );
    app.get(
      '/v1/connectors/:id',
      {
        config: admin,
        schema: {
          operationId: 'getConnector',
          tags,
          summary: 'A connected store',
          params: IdParams,
          response: { 200: ConnectorSchema, 404: ProblemSchema },
        },
      },
      async (request) => connectors.get(request.params.id),
    );
    app.patch(
      '/v1/connectors/:id',
      {
        config: admin,
        schema: {
          operationId: 'updateConnector',
          tags,
          summary: "Change a store's name, address or credentials in place (its id and webhook address stay)",
          params: IdParams,
          body: UpdateBody,
          response: { 200: ConnectorSchema, 404: ProblemSchema },
        },
      },
      async (request) => connectors.update(request.params.id, request.body),
    );
    app.delete(
      '/v1/connectors/:id',
      {
        config: admin,
        schema: {
          operationId: 'deleteConnector',
          tags,
          summary: 'Disconnect a store (what was imported stays)',
          params: IdParams,
          response: { 204: Type.Null(), 404: ProblemSchema },
        },
      },
      async (request, reply) => {
        await connectors.delete(request.params.id);
        return reply.status(204).send(null);
      },
    );
    app.post(
      '/v1/connectors/:id/sync',
      {
        config: admin,
        schema: {
          operationId: 'syncConnector',
          tags,
          summary: "Import the store's history (products, customers, orders, abandoned checkouts) as a background job",
          params: IdParams,
          response: { 202: Type.Object({ jobId: Type.String() }), 404: ProblemSchema },
        },
      },
      async (request, reply) => {
        const job = await enqueueConnectorSync(engine.jobs, connectors, request.params.id);
        return reply.status(202).send({ jobId: job.id });
      },
    );
  };

/** The webhook endpoint: the raw body is kept, since the signature covers its exact bytes. */
export const connectorWebhookRoutes =
  (engine: Engine): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    app.post(
      '/v1/connectors/:id/webhooks',
      {
        // Open: the platform has no Daogou key; the HMAC signature of the body under the connection's secret is checked.
        schema: {
          operationId: 'receiveConnectorWebhook',
          tags,
          summary: 'Webhook deliveries from Shopify (X-Shopify-Hmac-Sha256) or WooCommerce (X-WC-Webhook-Signature)',
          params: IdParams,
          response: {
            200: Type.Object({ topic: Type.String(), stored: Type.Integer() }),
            403: ProblemSchema,
            404: ProblemSchema,
          },
        },
      },
      async (request) => {
        const header = (name: string) => {
          const v = request.headers[name];
          return typeof v === 'string' ? v : undefined;
        };
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        return engine.connectors.stores.webhook(
          request.params.id,
          header('x-shopify-topic') ?? header('x-wc-webhook-topic'),
          body,
          header('x-shopify-hmac-sha256') ?? header('x-wc-webhook-signature'),
        );
      },
    );
  };
