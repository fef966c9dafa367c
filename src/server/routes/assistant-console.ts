/**
 * /v1/assistant for the console (admin key): the conversation log (sessions and turns), the unanswered
 * questions grouped by wording, the hand-off queue, and the merchant's actions on them — a FAQ passage,
 * a training example, a hand-off done, a question dismissed.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdSchema, NotFoundError, ValidationError, toIso } from '../../domain/index.js';
import type { Engine } from '../../engine/engine.js';
import { INTENTS, MAX_TURNS_PER_ACTION } from '../../assistant/index.js';
import type { ReviewedTurnRecord } from '../../store/repositories/assistant-review-repository.js';
import { errorResponses, IdParams, Nullable, ProblemSchema } from './common-schemas.js';
import { parseTime, TimeQuery } from './time-query.js';

const IntentSchema = Type.Union(
  INTENTS.map((i) => Type.Literal(i)),
  { description: 'an assistant intent' },
);
const OutcomeSchema = Type.Union([Type.Literal('answered'), Type.Literal('unanswered'), Type.Literal('handoff')]);
const Cursor = Type.String({
  minLength: 3,
  maxLength: 200,
  description: 'the `next` of the previous page',
});
const Range = {
  from: Type.Optional({ ...TimeQuery, description: 'turns from (inclusive)' }),
  to: Type.Optional({ ...TimeQuery, description: 'turns before (exclusive)' }),
};

const TurnSchema = Type.Object({
  id: Type.String(),
  sessionId: Type.String(),
  customerId: Nullable(Type.String()),
  anonymousId: Nullable(Type.String()),
  text: Type.String(),
  reply: Type.String(),
  intent: Type.String(),
  confidence: Nullable(Type.Number({ description: "the classifier's probability of the intent it proposed" })),
  slots: Type.Object({}, { additionalProperties: true }),
  itemIds: Type.Array(Type.String()),
  outcome: OutcomeSchema,
  createdAt: Type.String({ format: 'date-time' }),
  resolution: Type.Union(
    [Type.Literal('done'), Type.Literal('faq'), Type.Literal('example'), Type.Literal('dismissed'), Type.Null()],
    { description: 'how the merchant resolved it; null while open' },
  ),
  resolvedAt: Nullable(Type.String({ format: 'date-time' })),
});

const SessionSchema = Type.Object({
  sessionId: Type.String(),
  customerId: Nullable(Type.String()),
  anonymousId: Nullable(Type.String()),
  turns: Type.Integer({ description: 'turns in the range' }),
  startedAt: Type.String({ format: 'date-time' }),
  lastAt: Type.String({ format: 'date-time' }),
  unanswered: Type.Integer(),
  handoffs: Type.Integer(),
  firstText: Type.String({ description: 'the first message in the range' }),
  intents: Type.Array(Type.String()),
});

const QuestionGroupSchema = Type.Object({
  text: Type.String({ description: 'the most frequent wording' }),
  count: Type.Integer(),
  texts: Type.Array(Type.Object({ text: Type.String(), count: Type.Integer() })),
  turnIds: Type.Array(Type.String(), { description: 'newest first' }),
  lastAt: Type.String({ format: 'date-time' }),
  sessions: Type.Integer(),
  reasons: Type.Record(Type.String(), Type.Integer(), {
    description: 'out_of_scope, nothing_found, no_faq, not_answered, low_confidence: how many turns each',
  }),
  intent: Type.String({ description: 'the intent proposed most often' }),
});

const ExampleSchema = Type.Object({
  id: Type.String(),
  text: Type.String(),
  intent: Type.String(),
  turnId: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
});

const TurnIds = Type.Array(IdSchema, {
  maxItems: MAX_TURNS_PER_ACTION,
  description: 'logged turns this resolves',
});

function parseCursor(value: string | undefined): { at: number; id: string } | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d{1,16}):(.+)$/.exec(value);
  if (!m) throw new ValidationError([{ field: 'querystring.after', message: 'not a cursor this list gave out' }]);
  return { at: Number(m[1]), id: m[2]! };
}

function formatCursor(c: { at: number; id: string } | null): string | null {
  return c === null ? null : `${c.at}:${c.id}`;
}

function range(q: { from?: string; to?: string }): { from?: number; to?: number } {
  const from = parseTime(q.from, 'from');
  const to = parseTime(q.to, 'to');
  if (from !== undefined && to !== undefined && from >= to) {
    throw new ValidationError([{ field: 'querystring.to', message: 'must be after from' }]);
  }
  return { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
}

function turnView(t: ReviewedTurnRecord) {
  return {
    ...t,
    createdAt: toIso(t.createdAt),
    resolvedAt: t.resolvedAt === null ? null : toIso(t.resolvedAt),
  };
}

/** The console's assistant routes. */
export const assistantConsoleRoutes =
  (engine: Engine): FastifyPluginAsyncTypebox =>
  async (app) => {
    const review = engine.assistantReview;

    app.get(
      '/v1/assistant/turns',
      {
        config: { permission: 'admin' },
        schema: {
          operationId: 'listAssistantTurns',
          tags: ['assistant'],
          summary: 'The conversation log, newest first, filtered by outcome, intent, session, date and review status',
          description:
            'The hand-off queue is `outcome=handoff&status=open`; one conversation is `sessionId=…`. Pages continue with `after=<next>`.',
          querystring: Type.Object({
            limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
            outcome: Type.Optional(OutcomeSchema),
            intent: Type.Optional(IntentSchema),
            sessionId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            status: Type.Optional(
              Type.Union([Type.Literal('open'), Type.Literal('resolved')], {
                description: 'open: not resolved yet; resolved: done, answered as FAQ or example, or dismissed',
              }),
            ),
            ...Range,
            after: Type.Optional(Cursor),
          }),
          response: {
            200: Type.Object({ turns: Type.Array(TurnSchema), next: Nullable(Type.String()) }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const q = request.query;
        const after = parseCursor(q.after);
        const page = await review.turns({
          limit: q.limit,
          ...range(q),
          ...(q.outcome ? { outcome: q.outcome } : {}),
          ...(q.intent ? { intent: q.intent } : {}),
          ...(q.sessionId ? { sessionId: q.sessionId } : {}),
          ...(q.status ? { status: q.status } : {}),
          ...(after ? { after } : {}),
        });
        return { turns: page.rows.map(turnView), next: formatCursor(page.next) };
      },
    );

    app.get(
      '/v1/assistant/sessions',
      {
        config: { permission: 'admin' },
        schema: {
          operationId: 'listAssistantSessions',
          tags: ['assistant'],
          summary: 'Conversations with turns in the range, the most recently active first',
          querystring: Type.Object({
            limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
            intent: Type.Optional(IntentSchema),
            ...Range,
            after: Type.Optional(Cursor),
          }),
          response: {
            200: Type.Object({ sessions: Type.Array(SessionSchema), next: Nullable(Type.String()) }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const q = request.query;
        const after = parseCursor(q.after);
        const page = await review.sessions({
          limit: q.limit,
          ...range(q),
          ...(q.intent ? { intent: q.intent } : {}),
          ...(after ? { after } : {}),
        });
        return {
          sessions: page.rows.map((s) => ({ ...s, startedAt: toIso(s.startedAt), lastAt: toIso(s.lastAt) })),
          next: formatCursor(page.next),
        };
      },
    );

    app.get(
      '/v1/assistant/questions',
      {
        config: { permission: 'admin' },
        schema: {
          operationId: 'listAssistantQuestions',
          tags: ['assistant'],
          summary: 'Open unanswered and low-confidence questions, grouped by similar wording, the largest groups first',
          querystring: Type.Object({
            limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
            ...Range,
          }),
          response: {
            200: Type.Object({
              groups: Type.Array(QuestionGroupSchema),
              scanned: Type.Integer({ description: 'open questions read (the newest 500 at most)' }),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const q = request.query;
        const result = await review.questions({ limit: q.limit, ...range(q) });
        return {
          groups: result.groups.map((g) => ({ ...g, lastAt: toIso(g.lastAt) })),
          scanned: result.scanned,
        };
      },
    );

    app.post(
      '/v1/assistant/faq/passages',
      {
        config: { permission: 'admin' },
        schema: {
          operationId: 'addAssistantFaqPassage',
          tags: ['assistant'],
          summary:
            'Answer a question as a FAQ passage (kept when the FAQ documents are replaced) and resolve its turns',
          body: Type.Object(
            {
              question: Type.String({ minLength: 1, maxLength: 500 }),
              answer: Type.String({ minLength: 1, maxLength: 10_000 }),
              turnIds: Type.Optional(TurnIds),
            },
            { additionalProperties: false },
          ),
          response: {
            201: Type.Object({ id: Type.String(), resolved: Type.Array(Type.String()) }),
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        const b = request.body;
        const result = await review.addFaq({
          question: b.question,
          answer: b.answer,
          ...(b.turnIds ? { turnIds: b.turnIds } : {}),
        });
        return reply.code(201).send(result);
      },
    );

    app.post(
      '/v1/assistant/examples',
      {
        config: { permission: 'admin' },
        schema: {
          operationId: 'addAssistantExample',
          tags: ['assistant'],
          summary: 'Keep an utterance as a training example of an intent and resolve the turns it came from',
          body: Type.Object(
            {
              text: Type.String({ minLength: 1, maxLength: 500 }),
              intent: IntentSchema,
              turnIds: Type.Optional(TurnIds),
            },
            { additionalProperties: false },
          ),
          response: {
            201: Type.Object({ example: ExampleSchema, resolved: Type.Array(Type.String()) }),
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        const b = request.body;
        const { example, resolved } = await review.addExample({
          text: b.text,
          intent: b.intent,
          ...(b.turnIds ? { turnIds: b.turnIds } : {}),
        });
        return reply.code(201).send({
          example: {
            id: example.id,
            text: example.text,
            intent: example.intent,
            turnId: example.turnId,
            createdAt: toIso(example.createdAt),
          },
          resolved,
        });
      },
    );

    app.delete(
      '/v1/assistant/examples/:id',
      {
        config: { permission: 'admin' },
        schema: {
          operationId: 'deleteAssistantExample',
          tags: ['assistant'],
          summary: 'Delete an example utterance',
          params: IdParams,
          response: { 204: Type.Null(), 404: ProblemSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        if (!(await review.deleteExample(request.params.id))) {
          throw new NotFoundError(`no assistant example ${JSON.stringify(request.params.id)}`);
        }
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/v1/assistant/turns/resolve',
      {
        config: { permission: 'admin' },
        schema: {
          operationId: 'resolveAssistantTurns',
          tags: ['assistant'],
          summary: 'Mark hand-offs done or questions dismissed',
          description:
            '`done` applies to hand-off turns only. Turns already resolved stay as they were; `resolved` lists those changed.',
          body: Type.Object(
            {
              turnIds: Type.Array(IdSchema, { minItems: 1, maxItems: MAX_TURNS_PER_ACTION }),
              resolution: Type.Union([Type.Literal('done'), Type.Literal('dismissed')]),
            },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ resolved: Type.Array(Type.String()) }), ...errorResponses },
        },
      },
      async (request) => ({ resolved: await review.resolve(request.body.turnIds, request.body.resolution) }),
    );
  };
