/**
 * /segment/v1/*: a Segment-compatible tracking endpoint (track, identify, page, screen, alias, group, batch),
 * so that Segment or RudderStack pipelines, and their server libraries, send to Daogou unchanged: point
 * their endpoint or host at `<daogou>/segment` and use an ingest key as the write key (Basic auth).
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { SegmentMessage } from '../../connectors/index.js';
import type { Engine } from '../../engine/engine.js';
import { MAX_BATCH } from './common-schemas.js';

const tags = ['connectors'];
const Message = Type.Object(
  {
    type: Type.Optional(Type.String({ maxLength: 20 })),
    event: Type.Optional(Type.String({ maxLength: 200 })),
    name: Type.Optional(Type.String({ maxLength: 200 })),
    userId: Type.Optional(Type.Union([Type.String({ maxLength: 128 }), Type.Number(), Type.Null()])),
    anonymousId: Type.Optional(Type.Union([Type.String({ maxLength: 128 }), Type.Number(), Type.Null()])),
    previousId: Type.Optional(Type.Union([Type.String({ maxLength: 128 }), Type.Number(), Type.Null()])),
    messageId: Type.Optional(Type.String({ maxLength: 128 })),
    timestamp: Type.Optional(Type.String({ format: 'date-time' })),
    originalTimestamp: Type.Optional(Type.String({ format: 'date-time' })),
    sentAt: Type.Optional(Type.String({ format: 'date-time' })),
    properties: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    traits: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    context: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { additionalProperties: true },
);
const Accepted = Type.Object({
  success: Type.Boolean(),
  events: Type.Integer({ description: 'Daogou events stored (an order becomes one per product)' }),
  customers: Type.Integer(),
  merges: Type.Integer(),
  skipped: Type.Array(Type.Object({ index: Type.Integer(), reason: Type.String() })),
});

/** The Segment-compatible routes. */
export const segmentTrackingRoutes =
  (engine: Engine): FastifyPluginAsyncTypebox =>
  async (app) => {
    const accept = async (messages: SegmentMessage[]) => engine.connectors.segment.accept(messages);
    for (const type of ['track', 'identify', 'page', 'screen', 'alias', 'group'] as const) {
      app.post(
        `/segment/v1/${type}`,
        {
          config: { permission: 'ingest' },
          schema: {
            operationId: `segment${type.charAt(0).toUpperCase()}${type.slice(1)}`,
            tags,
            summary: `Segment-compatible ${type} call`,
            body: Message,
            response: { 200: Accepted },
          },
        },
        async (request) => accept([{ ...request.body, type }]),
      );
    }
    app.post(
      '/segment/v1/batch',
      {
        config: { permission: 'ingest' },
        schema: {
          operationId: 'segmentBatch',
          tags,
          summary: 'Segment-compatible batch of messages (all or nothing)',
          body: Type.Object(
            {
              batch: Type.Array(Message, { minItems: 1, maxItems: MAX_BATCH }),
              context: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
            },
            { additionalProperties: true },
          ),
          response: { 200: Accepted },
        },
      },
      async (request) =>
        accept(
          request.body.batch.map((m) => ({ ...m, context: { ...(request.body.context ?? {}), ...(m.context ?? {}) } })),
        ),
    );
  };
