/** /v1/assistant: the shopping assistant's messages (browser key) and FAQ documents (admin); the console's reads are in assistant-console.ts. */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CustomerItemSchema, ValidationError } from '../../domain/index.js';
import type { Engine } from '../../engine/engine.js';
import { INTENTS } from '../../assistant/index.js';
import { ASSISTANT_TRAIN_JOB } from '../../jobs/assistant-jobs.js';
import { itemView } from '../../platform/index.js';
import { CONSOLE_FAQ_SOURCE } from '../../store/repositories/assistant-repository.js';
import { actsForCustomer } from '../customer-access.js';
import { subjectPrices } from '../price-subject.js';
import { errorResponses } from './common-schemas.js';
import { JobSchema, jobView } from './jobs.js';
import { sendEvents } from './server-sent-events.js';
import type { AssistantAnswer } from '../../assistant/index.js';

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
    stream: Type.Optional(
      Type.Boolean({ description: 'answer as server-sent events (the same as Accept: text/event-stream)' }),
    ),
  },
  { additionalProperties: false },
);

/** The answer to a message (also the SDK's `AssistantReply`). */
export const MessageResponse = Type.Object({
  sessionId: Type.String(),
  reply: Type.String(),
  intent: Type.Union(INTENTS.map((i) => Type.Literal(i))),
  slots: Type.Object(
    {},
    { additionalProperties: true, description: 'the constraints in effect (category, colour, price bounds…)' },
  ),
  items: Type.Array(CustomerItemSchema, {
    description: 'items exactly as GET /v1/items/{id} returns them to this shopper (price experiments included)',
  }),
  suggestions: Type.Array(Type.String()),
  source: Type.Union([Type.Literal('builtin'), Type.Literal('llm')], {
    description: 'who wrote the reply: the built-in rules, or the optional model (grounded)',
  }),
});

const STREAM_DESCRIPTION = [
  'With `Accept: text/event-stream` (or `"stream": true`) the answer comes as server-sent events:',
  '`event: delta` with `{"text"}` for each grounded piece of the reply as the optional model writes it (none',
  'without a model), then one `event: message` with the whole answer — its `reply` is final and replaces the',
  'pieces (a model reply that fails the grounding check midway is replaced by the built-in one) — or',
  '`event: error` with a problem.',
].join(' ');

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
          description: STREAM_DESCRIPTION,
          body: MessageBody,
          response: {
            200: {
              description: 'the answer (JSON), or its events (text/event-stream)',
              content: {
                'application/json': { schema: MessageResponse },
                'text/event-stream': {
                  schema: Type.String({ description: 'event: delta / message / error, data: JSON' }),
                },
              },
            },
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
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
        // Product cards and the reply's prices are the shopper's under a running price experiment, as elsewhere.
        const prices = await subjectPrices(engine, request, { customerId, anonymousId: body.anonymousId });
        const message = {
          text: body.text,
          ...(prices.empty ? {} : { prices: prices.prices() }),
          ...(body.sessionId !== undefined ? { sessionId: body.sessionId } : {}),
          ...(customerId !== undefined ? { customerId } : {}),
          ...(body.anonymousId !== undefined ? { anonymousId: body.anonymousId } : {}),
          ...(body.locale !== undefined ? { locale: body.locale } : {}),
        };
        const view = async (answer: AssistantAnswer) => {
          await prices.shown(answer.items.map((i) => i.id));
          return {
            sessionId: answer.sessionId,
            reply: answer.reply,
            intent: answer.intent,
            slots: answer.slots,
            // The answer's records already carry the shopper's price; the catalogue's is read back for the tag.
            items: await Promise.all(
              answer.items.map(async (i) =>
                prices.view(itemView(prices.price(i.id) ? await engine.items.get(i.id) : i)),
              ),
            ),
            suggestions: answer.suggestions,
            source: answer.source,
          };
        };
        const wantsStream = body.stream ?? /\btext\/event-stream\b/.test(request.headers.accept ?? '');
        if (!wantsStream) {
          await reply.type('application/json').send(await view(await engine.assistant.message(message)));
          return reply;
        }
        await sendEvents(reply, async (send) => {
          const answer = await engine.assistant.message(message, { onDelta: (text) => send('delta', { text }) });
          send('message', await view(answer));
        });
        return reply;
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
          description: 'Passages written in the console (`POST /v1/assistant/faq/passages`) are kept.',
          body: FaqBody,
          response: { 200: Type.Object({ passages: Type.Integer() }), ...errorResponses },
        },
      },
      async (request) => {
        const reserved = request.body.documents.findIndex((d) => d.name === CONSOLE_FAQ_SOURCE);
        if (reserved >= 0) {
          throw new ValidationError([
            {
              index: reserved,
              field: 'name',
              message: `"${CONSOLE_FAQ_SOURCE}" names the passages written in the console`,
            },
          ]);
        }
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

    app.post(
      '/v1/assistant/train',
      {
        config: { permission: 'admin' },
        schema: {
          operationId: 'trainAssistantIntents',
          tags: ['assistant'],
          summary:
            "Retrain the intent classifier on the built-in examples plus the merchant's (POST /v1/assistant/examples); runs as a job",
          response: { 202: JobSchema, ...errorResponses },
        },
      },
      async (_request, reply) => {
        const job = await engine.jobs.enqueue(
          ASSISTANT_TRAIN_JOB,
          {},
          { singletonKey: ASSISTANT_TRAIN_JOB, maxAttempts: 1 },
        );
        return reply.code(202).send(jobView(job));
      },
    );
  };
