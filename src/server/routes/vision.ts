/**
 * /v1/vision: search by photo (browser key allowed), similar-looking items, near-duplicate groups,
 * attribute suggestions with accept/reject, the features of an item's images, and the indexing job (admin).
 */
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PayloadTooLargeError, ValidationError } from '../../domain/index.js';
import type { Engine } from '../../engine/engine.js';
import { VISION_INDEX_JOB } from '../../jobs/vision-jobs.js';
import type { StoredAttributeSuggestion } from '../../store/repositories/attribute-suggestion-repository.js';
import { IdParams, ProblemSchema, errorResponses } from './common-schemas.js';
import { JobSchema, jobView } from './jobs.js';

/** The most bytes a photo for search may have once decoded from base64 (8 MiB). */
export const MAX_PHOTO_BYTES = 8 * 1024 * 1024;
// application/octet-stream too: a browser sends a file it knows no type for (a .heic, a name without an
// extension) with it, and the decoder reads the format from the bytes anyway.
const IMAGE_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'image/avif',
  'image/tiff',
  'application/octet-stream',
];

const MatchSchema = Type.Object({
  itemId: Type.String(),
  imageUrl: Type.String(),
  score: Type.Number({ description: 'cosine similarity of the image embeddings, −1 to 1' }),
});
const ColourSchema = Type.Object({
  key: Type.String(),
  en: Type.String(),
  zh: Type.String(),
  hex: Type.String(),
  share: Type.Number(),
});
const CategorySchema = Type.Object({ label: Type.String(), probability: Type.Number() });
const PatternSchema = Type.Object({ kind: Type.String(), en: Type.String(), zh: Type.String() });
const PhotoSearchResponse = Type.Object({
  matches: Type.Array(MatchSchema),
  categories: Type.Array(CategorySchema),
  colours: Type.Array(ColourSchema),
  pattern: PatternSchema,
});
const SuggestionSchema = Type.Object({
  id: Type.String(),
  itemId: Type.String(),
  field: Type.String(),
  value: Type.String(),
  confidence: Type.Number(),
  source: Type.String(),
  status: Type.String(),
  detail: Type.Record(Type.String(), Type.Unknown()),
  createdAt: Type.String({ format: 'date-time' }),
  decidedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
/** The JSON form of a photo search. */
const PhotoSearchJson = Type.Object(
  {
    image: Type.String({
      minLength: 1,
      description: 'the photo: base64 of its bytes, or a data: URL (`data:image/jpeg;base64,…`)',
    }),
    k: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'matches to return (default 12)' })),
  },
  { additionalProperties: false },
);
/**
 * The body by content type: the JSON form, or the photo's bytes under an image type (an empty schema:
 * OpenAPI 3.1's way to say "these bytes, as they are"; the handler tells whether they are an image).
 */
const PhotoSearchBodies = {
  'application/json': { schema: PhotoSearchJson },
  ...Object.fromEntries(
    IMAGE_TYPES.map((type) => [type, { schema: Type.Any({ description: `the photo's bytes (${type})` }) }]),
  ),
};
const KQuery = Type.Object({ k: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 12 })) });

function suggestionView(s: StoredAttributeSuggestion) {
  return {
    id: s.id,
    itemId: s.itemId,
    field: s.field,
    value: s.value,
    confidence: s.confidence,
    source: s.source,
    status: s.status,
    detail: s.body,
    createdAt: new Date(s.createdAt).toISOString(),
    decidedAt: s.decidedAt === null ? null : new Date(s.decidedAt).toISOString(),
  };
}

/** The photo's bytes from a JSON body's base64 (plain or a data URL); 400 naming the field when it is not. */
export function photoFromBase64(value: string): Uint8Array {
  const match = /^data:([^;,]+)?(;base64)?,/.exec(value);
  if (match && !match[2]) throw new ValidationError([{ field: 'image', message: 'a data URL must be base64' }]);
  const body = (match ? value.slice(match[0].length) : value).replace(/\s+/g, '');
  if (body.length === 0 || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(body)) {
    throw new ValidationError([{ field: 'image', message: 'must be base64 image bytes or a data: URL' }]);
  }
  if (Math.floor((body.length * 3) / 4) > MAX_PHOTO_BYTES + 3) {
    throw new PayloadTooLargeError(`image: larger than ${MAX_PHOTO_BYTES} bytes`);
  }
  return new Uint8Array(Buffer.from(body, 'base64'));
}

/** Vision routes. */
export const visionRoutes =
  (engine: Engine): FastifyPluginAsyncTypebox =>
  async (app) => {
    const admin = { permission: 'admin' as const };
    // Photos may also be posted as raw image bytes (the storefront's camera button does).
    app.addContentTypeParser(IMAGE_TYPES, { parseAs: 'buffer', bodyLimit: MAX_PHOTO_BYTES }, (_request, body, done) =>
      done(null, body),
    );

    app.post(
      '/v1/vision/search',
      {
        config: { permission: 'read' },
        bodyLimit: Math.ceil((MAX_PHOTO_BYTES * 4) / 3) + 64 * 1024,
        schema: {
          operationId: 'searchByPhoto',
          tags: ['vision'],
          summary: 'Search the catalogue by photo: the items that look most like it, and what was read from it',
          description:
            'Send `{"image": "<base64 or data: URL>", "k": 12}` as JSON, or the raw image bytes with an image/* (or application/octet-stream) ' +
            `content type and \`?k=\`. At most ${MAX_PHOTO_BYTES} bytes; a browser key may call it.`,
          querystring: KQuery,
          body: { content: PhotoSearchBodies },
          response: { 200: PhotoSearchResponse, 413: ProblemSchema, 503: ProblemSchema, ...errorResponses },
        },
      },
      async (request) => {
        // Validated by content type above: the JSON form, or a Buffer from the image parser.
        const body = request.body as Static<typeof PhotoSearchJson> | Buffer | undefined;
        let bytes: Uint8Array;
        let k = request.query.k ?? 12;
        if (Buffer.isBuffer(body)) bytes = new Uint8Array(body);
        else if (body && typeof body.image === 'string') {
          bytes = photoFromBase64(body.image);
          k = body.k ?? k;
        } else throw new ValidationError([{ field: 'image', message: 'send a photo (JSON "image" or image/* bytes)' }]);
        return engine.vision.searchByPhoto(bytes, k);
      },
    );

    app.get(
      '/v1/vision/items/:id/similar',
      {
        config: { permission: 'read' },
        schema: {
          operationId: 'similarLookingItems',
          tags: ['vision'],
          summary: 'Items that look like this one (nearest image embeddings)',
          params: IdParams,
          querystring: KQuery,
          response: {
            200: Type.Object({ matches: Type.Array(MatchSchema) }),
            404: ProblemSchema,
            409: ProblemSchema,
            503: ProblemSchema,
            ...errorResponses,
          },
        },
      },
      async (request) => ({ matches: await engine.vision.similarItems(request.params.id, request.query.k ?? 12) }),
    );

    app.get(
      '/v1/vision/items/:id/features',
      {
        config: admin,
        schema: {
          operationId: 'itemImageFeatures',
          tags: ['vision'],
          summary: "What was read from an item's images: colours, pattern, hash, or why an image could not be read",
          params: IdParams,
          response: {
            200: Type.Object({
              images: Type.Array(
                Type.Object({
                  imageUrl: Type.String(),
                  model: Type.String(),
                  colours: Type.Array(ColourSchema),
                  pattern: Type.Union([PatternSchema, Type.Null()]),
                  phash: Type.Union([Type.String(), Type.Null()]),
                  error: Type.Union([Type.String(), Type.Null()]),
                  computedAt: Type.String({ format: 'date-time' }),
                }),
              ),
            }),
            404: ProblemSchema,
            ...errorResponses,
          },
        },
      },
      async (request) => ({
        images: (await engine.vision.featuresOf(request.params.id)).map((f) => ({
          imageUrl: f.imageUrl,
          model: f.model,
          colours: f.colours as { key: string; en: string; zh: string; hex: string; share: number }[],
          pattern: f.pattern as { kind: string; en: string; zh: string } | null,
          phash: f.phash,
          error: f.error,
          computedAt: new Date(f.computedAt).toISOString(),
        })),
      }),
    );

    app.get(
      '/v1/vision/duplicates',
      {
        config: admin,
        schema: {
          operationId: 'listNearDuplicateImages',
          tags: ['vision'],
          summary: 'Groups of items whose images are near-identical (perceptual hash)',
          querystring: Type.Object({
            maxDistance: Type.Optional(Type.Integer({ minimum: 0, maximum: 16, default: 6 })),
          }),
          response: {
            200: Type.Object({
              groups: Type.Array(
                Type.Object({
                  maxDistance: Type.Integer(),
                  images: Type.Array(Type.Object({ itemId: Type.String(), imageUrl: Type.String() })),
                }),
              ),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => ({ groups: await engine.vision.duplicates(request.query.maxDistance ?? 6) }),
    );

    app.get(
      '/v1/vision/suggestions',
      {
        config: admin,
        schema: {
          operationId: 'listAttributeSuggestions',
          tags: ['vision'],
          summary: 'Attribute suggestions read from item images (category, colour, pattern), most confident first',
          querystring: Type.Object({
            status: Type.Optional(
              Type.Union(['pending', 'accepted', 'rejected', 'superseded'].map((s) => Type.Literal(s))),
            ),
            itemId: Type.Optional(Type.String({ minLength: 1 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
            offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
          }),
          response: { 200: Type.Object({ suggestions: Type.Array(SuggestionSchema) }), ...errorResponses },
        },
      },
      async (request) => {
        const q = request.query;
        const list = await engine.vision.suggestions({
          status: (q.status ?? 'pending') as 'pending' | 'accepted' | 'rejected' | 'superseded',
          ...(q.itemId === undefined ? {} : { itemId: q.itemId }),
          limit: q.limit ?? 100,
          offset: q.offset ?? 0,
        });
        return { suggestions: list.map(suggestionView) };
      },
    );

    for (const decision of ['accept', 'reject'] as const) {
      app.post(
        `/v1/vision/suggestions/:id/${decision}`,
        {
          config: admin,
          schema: {
            operationId: `${decision}AttributeSuggestion`,
            tags: ['vision'],
            summary:
              decision === 'accept'
                ? 'Accept a pending suggestion: the value is written to the item'
                : 'Reject a pending suggestion (the value is not offered for the item again)',
            params: IdParams,
            response: { 200: SuggestionSchema, 404: ProblemSchema, 409: ProblemSchema, ...errorResponses },
          },
        },
        async (request) =>
          suggestionView(
            await engine.vision.decide(request.params.id, decision === 'accept' ? 'accepted' : 'rejected'),
          ),
      );
    }

    app.get(
      '/v1/vision/status',
      {
        config: admin,
        schema: {
          operationId: 'visionStatus',
          tags: ['vision'],
          summary: 'The image model in use and how many catalogue images are analysed',
          response: {
            200: Type.Object({
              model: Type.String(),
              images: Type.Integer(),
              failed: Type.Integer(),
              items: Type.Integer(),
            }),
            ...errorResponses,
          },
        },
      },
      async () => engine.vision.status(),
    );

    app.post(
      '/v1/vision/index',
      {
        config: admin,
        schema: {
          operationId: 'runVisionIndex',
          tags: ['vision'],
          summary: 'Start analysing catalogue images without features (or all of them with force) — returns the job',
          body: Type.Optional(
            Type.Object({
              itemIds: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { maxItems: 10_000 })),
              force: Type.Optional(Type.Boolean()),
            }),
          ),
          response: { 202: JobSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const body = request.body ?? {};
        const job = await engine.jobs.enqueue(
          VISION_INDEX_JOB,
          body,
          body.itemIds || body.force ? {} : { singletonKey: VISION_INDEX_JOB },
        );
        return reply.status(202).send(jobView(job));
      },
    );
  };
