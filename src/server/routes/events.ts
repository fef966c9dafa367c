/** /v1/events and /v1/identities: tracking and identity merge. */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { EventInputSchema, MergeInputSchema, ValidationError } from '../../domain/index.js';
import type { Engine } from '../../engine/engine.js';
import { checkBrowserEvents, refuseErasedIds } from '../browser-events.js';
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

    app.post(
      '/v1/events/batch',
      {
        config: { permission: 'track' },
        schema: {
          operationId: 'trackEvents',
          tags: ['events'],
          summary: `Track up to ${MAX_BATCH.toLocaleString('en')} events (all or nothing)`,
          querystring: StrictQuery,
          body: Type.Object(
            { events: Type.Array(EventInputSchema, { minItems: 1, maxItems: MAX_BATCH }) },
            { additionalProperties: false },
          ),
          response: { 202: TrackResultSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const events = await checkBrowserEvents(engine, request, request.body.events);
        const result = await engine.events.track(events, {
          ...(request.query.strict !== undefined ? { strict: request.query.strict } : {}),
        });
        return reply.status(202).send(result);
      },
    );

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
