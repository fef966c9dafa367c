/** /v1/assistant: the shopping assistant's messages (browser key), FAQ documents and the turn log (admin). */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ItemSchema, ValidationError } from '../../domain/index.js';
import type { Engine } from '../../engine/engine.js';
import { INTENTS } from '../../assistant/understand/index.js';
import { itemView } from '../../platform/index.js';
import { actsForCustomer } from '../customer-access.js';
import { errorResponses } from './common-schemas.js';

const MessageBody = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: 500, description: 'what the shopper wrote' }),
    sessionId: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'continue this conversation' })),
    customerId: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description: 'personalise and read orders (needs X-Customer-Token with the browser key)',
      }),
    ),
    anonymousId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    locale: Type.Optional(Type.Union([Type.Literal('zh'), Type.Literal('en')])),
  },
  { additionalProperties: false },
);

const MessageResponse = Type.Object({
  sessionId: Type.String(),
  reply: Type.String(),
  intent: Type.Union(INTENTS.map((i) => Type.Literal(i))),
  slots: Type.Object(
    {},
    { additionalProperties: true, description: 'the constraints in effect (category, colour, price bounds…)' },
  ),
  items: Type.Array(ItemSchema, { description: 'items exactly as GET /v1/items/{id} returns them' }),
  suggestions: Type.Array(Type.String()),
});

const FaqBody = Type.Object(
  {
    documents: Type.Array(
      Type.Object(
        {
          name: Type.String({ minLength: 1, maxLength: 200 }),
          format: Type.Union([Type.Literal('markdown'), Type.Literal('csv')]),
          content: Type.String({ minLength: 1, maxLength: 1_000_000 }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 100 },
    ),
  },
  { additionalProperties: false },
);

const TurnSchema = Type.Object({
  id: Type.String(),
  sessionId: Type.String(),
  customerId: Type.Union([Type.String(), Type.Null()]),
  anonymousId: Type.Union([Type.String(), Type.Null()]),
  text: Type.String(),
  reply: Type.String(),
  intent: Type.String(),
  slots: Type.Object({}, { additionalProperties: true }),
  itemIds: Type.Array(Type.String()),
  outcome: Type.Union([Type.Literal('answered'), Type.Literal('unanswered'), Type.Literal('handoff')]),
  createdAt: Type.String({ format: 'date-time' }),
});

/** Assistant routes. */
export const assistantRoutes =
  (engine: Engine): FastifyPluginAsyncTypebox =>
  async (app) => {
    // Train the intent model and load the vocabulary with the server, not on the first message.
    void engine.assistant
      .warm()
      .catch((error: unknown) => app.log.error({ err: error }, 'assistant failed to warm up'));

    app.post(
      '/v1/assistant/messages',
      {
        config: { permission: 'read' },
        schema: {
          operationId: 'sendAssistantMessage',
          tags: ['assistant'],
          summary: 'Send a message to the shopping assistant (Chinese or English) and get its answer',
          body: MessageBody,
          response: { 200: MessageResponse, ...errorResponses },
        },
      },
      async (request) => {
        const body = request.body;
        if (body.customerId !== undefined && body.anonymousId !== undefined) {
          throw new ValidationError([
            { field: 'customerId', message: 'send either customerId or anonymousId, not both' },
          ]);
        }
        // Orders and personalisation only for the customer's own token (or a secret key); otherwise anonymous.
        const customerId =
          body.customerId !== undefined && (await actsForCustomer(engine, request, body.customerId))
            ? body.customerId
            : undefined;
        const answer = await engine.assistant.message({
          text: body.text,
          ...(body.sessionId !== undefined ? { sessionId: body.sessionId } : {}),
          ...(customerId !== undefined ? { customerId } : {}),
          ...(body.anonymousId !== undefined ? { anonymousId: body.anonymousId } : {}),
          ...(body.locale !== undefined ? { locale: body.locale } : {}),
        });
        return {
          sessionId: answer.sessionId,
          reply: answer.reply,
          intent: answer.intent,
          slots: answer.slots,
          items: answer.items.map(itemView),
          suggestions: answer.suggestions,
        };
      },
    );

    app.put(
      '/v1/assistant/faq',
      {
        config: { permission: 'admin' },
        schema: {
          operationId: 'replaceAssistantFaq',
          tags: ['assistant'],
          summary: 'Replace the FAQ documents (Markdown split by heading, CSV with question and answer columns)',
          body: FaqBody,
          response: { 200: Type.Object({ passages: Type.Integer() }), ...errorResponses },
        },
      },
      async (request) => {
        try {
          return { passages: await engine.assistant.setFaq(request.body.documents) };
        } catch (error) {
          if (error instanceof ValidationError) throw error;
          throw new ValidationError([
            { field: 'documents', message: error instanceof Error ? error.message : String(error) },
          ]);
        }
      },
    );

    app.get(
      '/v1/assistant/turns',
      {
        config: { permission: 'admin' },
        schema: {
          operationId: 'listAssistantTurns',
          tags: ['assistant'],
          summary: 'The conversation log, newest first; outcome=unanswered or handoff for the console queues',
          querystring: Type.Object({
            limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
            outcome: Type.Optional(
              Type.Union([Type.Literal('answered'), Type.Literal('unanswered'), Type.Literal('handoff')]),
            ),
            sessionId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
          }),
          response: { 200: Type.Object({ turns: Type.Array(TurnSchema) }), ...errorResponses },
        },
      },
      async (request) => {
        const q = request.query;
        const turns = await engine.store.assistant.turns({
          limit: q.limit,
          ...(q.outcome ? { outcome: q.outcome } : {}),
          ...(q.sessionId ? { sessionId: q.sessionId } : {}),
        });
        return { turns: turns.map((t) => ({ ...t, createdAt: new Date(t.createdAt).toISOString() })) };
      },
    );
  };
