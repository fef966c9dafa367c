/** /v1/events and /v1/identities: tracking and identity merge. */
import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifySchemaCompiler } from 'fastify';
import { EventInputSchema, MergeInputSchema, ValidationError } from '../../domain/index.js';
import type { Engine } from '../../engine/engine.js';
import { checkBrowserEvents, refuseErasedIds } from '../browser-events.js';
import { EventBatchSchema, readEventBatch, syncJsonParser } from '../event-batch.js';
import { IngestThread, ingestThreadFits } from '../ingest-thread.js';
import { validatorCompiler } from '../validation.js';
import { MAX_BATCH, errorResponses } from './common-schemas.js';

const TrackResultSchema = Type.Object({
  received: Type.Integer(),
  stored: Type.Integer(),
  duplicates: Type.Integer({ description: 'events whose id was already stored (not stored again)' }),
  ids: Type.Array(Type.String()),
});
const MergeBodySchema = Type.Composite(
  [
    MergeInputSchema,
    Type.Object({
      signature: Type.Optional(
        Type.String({
          pattern: '^[0-9a-fA-F]{64}$',
          description:
            'hex HMAC-SHA256 of "daogou:merge:v1\\n<customerId>\\n<anonymousId>\\n<signedAt>" under the identity secret, computed by your server; required with a browser (public) key',
        }),
      ),
      signedAt: Type.Optional(
        Type.Integer({
          minimum: 0,
          description: 'when your server signed the merge, epoch ms (part of the signature)',
        }),
      ),
    }),
  ],
  { additionalProperties: false },
);
const StrictQuery = Type.Object({
  strict: Type.Optional(Type.Boolean({ description: 'reject events naming unknown items' })),
});

/** Tracking routes. */
export const eventRoutes =
  (engine: Engine): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/v1/events',
      {
        config: { permission: 'track' },
        schema: {
          operationId: 'trackEvent',
          tags: ['events'],
          summary: 'Track one event',
          querystring: StrictQuery,
          body: EventInputSchema,
          response: { 202: TrackResultSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const options = request.query.strict !== undefined ? { strict: request.query.strict } : {};
        const events = await checkBrowserEvents(engine, request, [request.body]);
        const result = await engine.events.track(events, options).catch((error: unknown) => {
          // A single event is not a batch: its problems carry no record index.
          if (error instanceof ValidationError)
            throw new ValidationError(error.issues.map(({ index: _i, ...rest }) => rest));
          throw error;
        });
        return reply.status(202).send(result);
      },
    );

    await app.register(batchRoute(engine));

    app.post(
      '/v1/identities/merge',
      {
        // Browser keys may merge too, but only with the merchant server's signature of the customer id.
        config: { permission: 'track' },
        schema: {
          operationId: 'mergeIdentities',
          tags: ['events'],
          summary: 'Merge an anonymous id into a customer',
          description:
            'Earlier events of the anonymous id are attributed to the customer, later ones resolve to it, and an `identify` event is recorded. ' +
            'A browser (public) key must send `signedAt` and `signature` = hex HMAC-SHA256(identity secret, "daogou:merge:v1\\n" + customerId + "\\n" + anonymousId + "\\n" + signedAt), computed by the merchant’s server, at most DAOGOU_MERGE_MAX_AGE_SECONDS old; ingest and admin keys may, and a wrong one is refused (403).',
          body: MergeBodySchema,
          response: {
            200: Type.Object({
              anonymousId: Type.String(),
              customerId: Type.String(),
              eventsAttributed: Type.Integer(),
              eventId: Type.String(),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const { signature, signedAt, ...merge } = request.body;
        await refuseErasedIds(engine, [{ type: 'view', ...merge }]);
        await engine.identitySecret.checkMerge({ ...merge, signature, signedAt }, request.apiKey?.scope === 'public');
        return engine.identities.merge(merge);
      },
    );
  };

/** The body is read by the handler (here or on the ingest thread) from its bytes; the query as any other. */
const bytesBody: FastifySchemaCompiler<TSchema> = (route) =>
  route.httpPart === 'body' ? (raw: unknown) => ({ value: raw }) : validatorCompiler(route);

/**
 * `POST /v1/events/batch`, in a scope of its own whose JSON parser keeps the bytes: on PostgreSQL a batch sent
 * with a secret key is read, checked and stored on the ingest thread, so the serving thread never parses it.
 */
const batchRoute =
  (engine: Engine): FastifyPluginAsyncTypebox =>
  async (app) => {
    const ingest =
      engine.config.ingestThread && ingestThreadFits(engine.config.databaseUrl)
        ? new IngestThread(engine.config)
        : null;
    // A listening server starts the thread now, so the first batches do not wait for it (app.inject never listens).
    app.addHook('onListen', () => ingest?.warm());
    app.addHook('onClose', async () => ingest?.close());
    const parseJson = syncJsonParser(app.getDefaultJsonParser('error', 'error'));
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    app.post(
      '/v1/events/batch',
      {
        config: { permission: 'track' },
        validatorCompiler: bytesBody as FastifySchemaCompiler<unknown>,
        schema: {
          operationId: 'trackEvents',
          tags: ['events'],
          summary: `Track up to ${MAX_BATCH.toLocaleString('en')} events (all or nothing)`,
          querystring: StrictQuery,
          body: EventBatchSchema,
          response: { 202: TrackResultSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const body = request.body as unknown as Buffer;
        const strict = request.query.strict !== undefined ? { strict: request.query.strict } : {};
        // A browser key's rules need the request (customer tokens); a listener that wants the events
        // themselves needs them on this thread. An empty body gets the parser's own error here.
        const offThread =
          ingest !== null && request.apiKey?.scope !== 'public' && !engine.events.hasEventListeners && body.length > 0;
        if (offThread) {
          const answer = await ingest.track(body, { ...strict, now: engine.clock() });
          engine.events.counted(answer.received);
          // Written as JSON on the thread, in the 202 schema's shape; Fastify sends a string as it is (the type
          // provider only knows the object form, hence the cast).
          return reply
            .status(202)
            .type('application/json; charset=utf-8')
            .send(answer.json as never);
        }
        const events = await checkBrowserEvents(engine, request, readEventBatch(body, parseJson));
        return reply.status(202).send(await engine.events.track(events, strict));
      },
    );
  };
