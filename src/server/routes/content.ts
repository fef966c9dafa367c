/** /v1/content: copy for items (variants with grounding reports), checks of edited text, drafts, bulk jobs. */
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type {
  ContentItem,
  ContentKind,
  ContentLength,
  ContentTone,
  ItemRef,
  ReviewFacts,
} from '../../content/index.js';
import { toIso, ValidationError } from '../../domain/index.js';
import type { Engine } from '../../engine/engine.js';
import { CONTENT_BULK_JOB } from '../../jobs/content-jobs.js';
import type { StoredContentDraft } from '../../store/repositories/content-draft-repository.js';
import { IdParams, ProblemSchema, errorResponses } from './common-schemas.js';
import {
  BulkBody,
  CheckBody,
  DraftBody,
  DraftQuery,
  DraftSchema,
  GenerateBody,
  GenerateResponseSchema,
  GroundingSchema,
} from './content-schemas.js';
import { JobSchema, jobView } from './jobs.js';

/** Exactly one of itemId and item, as the service takes it. */
function itemRef(body: { itemId?: string; item?: ContentItem; reviews?: ReviewFacts }): ItemRef {
  if (body.itemId !== undefined && body.item !== undefined) {
    throw new ValidationError([{ field: 'item', message: 'send itemId or item, not both' }]);
  }
  if (body.itemId !== undefined) {
    if (body.reviews !== undefined) {
      throw new ValidationError([
        { field: 'reviews', message: "reviews go with item facts; a stored item's come from its reviews" },
      ]);
    }
    return { itemId: body.itemId };
  }
  if (body.item !== undefined) return { item: body.item, ...(body.reviews ? { reviews: body.reviews } : {}) };
  throw new ValidationError([{ field: 'itemId', message: 'send itemId (a stored item) or item (its facts)' }]);
}

function draftView(d: StoredContentDraft): Static<typeof DraftSchema> {
  return {
    ...d,
    status: d.status,
    createdAt: toIso(d.createdAt),
    decidedAt: d.decidedAt === null ? null : toIso(d.decidedAt),
  };
}

/** Content routes (secret admin key: copy is the merchant's work in progress). */
export const contentRoutes =
  (engine: Engine): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/v1/content/generate',
      {
        config: { permission: 'admin' },
        schema: {
          operationId: 'generateContent',
          tags: ['content'],
          summary: 'Variants of product copy and marketing text for one item, each with its grounding report',
          description:
            'Writes with the built-in phrase grammar (or the configured LLM) from the item facts and the aspects its reviews praise. ' +
            'Every returned text passed the grounding check; refused candidates are only counted.',
          body: GenerateBody,
          response: { 200: GenerateResponseSchema, 404: ProblemSchema, ...errorResponses },
        },
      },
      async (request) => {
        const b = request.body;
        return engine.content.generate({
          ...itemRef(b),
          kinds: b.kinds as ContentKind[],
          locale: b.locale as 'zh' | 'en',
          tone: (b.tone ?? 'friendly') as ContentTone,
          length: (b.length ?? 'medium') as ContentLength,
          variants: b.variants ?? 3,
          seed: b.seed ?? 1,
          writer: (b.writer ?? 'auto') as 'auto' | 'builtin' | 'llm',
        });
      },
    );

    app.post(
      '/v1/content/check',
      {
        config: { permission: 'admin' },
        schema: {
          operationId: 'checkContent',
          tags: ['content'],
          summary: "Checks a text (e.g. edited copy) against an item's facts: every fact-like span and what backs it",
          body: CheckBody,
          response: { 200: GroundingSchema, 404: ProblemSchema, ...errorResponses },
        },
      },
      async (request) =>
        engine.content.check(itemRef(request.body), request.body.locale as 'zh' | 'en', request.body.text),
    );

    app.post(
      '/v1/content/drafts',
      {
        config: { permission: 'admin' },
        schema: {
          operationId: 'saveContentDraft',
          tags: ['content'],
          summary: 'Saves copy for an item as a pending draft (checked again; an ungrounded text is refused, 400)',
          description:
            'A draft never changes the item: accepting it records the decision; applying it is a separate item update.',
          body: DraftBody,
          response: { 201: DraftSchema, 404: ProblemSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const b = request.body;
        const draft = await engine.content.saveDraft({
          itemId: b.itemId,
          kind: b.kind as ContentKind,
          locale: b.locale as 'zh' | 'en',
          tone: b.tone as ContentTone,
          length: b.length as ContentLength,
          text: b.text,
          source: (b.source ?? 'builtin') as 'builtin' | 'llm' | 'edited',
        });
        return reply.code(201).send(draftView(draft));
      },
    );

    app.get(
      '/v1/content/drafts',
      {
        config: { permission: 'admin' },
        schema: {
          operationId: 'listContentDrafts',
          tags: ['content'],
          summary: 'Saved drafts, newest first, by item, status, kind or bulk job',
          querystring: DraftQuery,
          response: { 200: Type.Object({ drafts: Type.Array(DraftSchema) }), ...errorResponses },
        },
      },
      async (request) => {
        const q = request.query;
        const drafts = await engine.content.drafts({
          ...(q.itemId !== undefined ? { itemId: q.itemId } : {}),
          ...(q.status !== undefined ? { status: q.status as 'pending' | 'accepted' | 'rejected' } : {}),
          ...(q.kind !== undefined ? { kind: q.kind as string } : {}),
          ...(q.jobId !== undefined ? { jobId: q.jobId } : {}),
          limit: q.limit ?? 100,
          offset: q.offset ?? 0,
        });
        return { drafts: drafts.map(draftView) };
      },
    );

    for (const decision of ['accept', 'reject'] as const) {
      app.post(
        `/v1/content/drafts/:id/${decision}`,
        {
          config: { permission: 'admin' },
          schema: {
            operationId: decision === 'accept' ? 'acceptContentDraft' : 'rejectContentDraft',
            tags: ['content'],
            summary:
              decision === 'accept' ? 'Accepts a pending draft (the item is not changed)' : 'Rejects a pending draft',
            params: IdParams,
            response: { 200: DraftSchema, 404: ProblemSchema, ...errorResponses },
          },
        },
        async (request) =>
          draftView(await engine.content.decide(request.params.id, decision === 'accept' ? 'accepted' : 'rejected')),
      );
    }

    app.post(
      '/v1/content/jobs',
      {
        config: { permission: 'admin' },
        schema: {
          operationId: 'startContentJob',
          tags: ['content'],
          summary: 'Queues a bulk run that writes drafts for many items (or the whole catalogue), with progress',
          body: BulkBody,
          response: { 202: JobSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const b = request.body;
        const job = await engine.jobs.enqueue(CONTENT_BULK_JOB, {
          ...(b.itemIds ? { itemIds: b.itemIds } : {}),
          kinds: b.kinds,
          locale: b.locale,
          tone: b.tone ?? 'friendly',
          length: b.length ?? 'medium',
          variants: b.variants ?? 1,
          seed: b.seed ?? 1,
        });
        return reply.code(202).send(jobView(job));
      },
    );
  };
