/** Schemas of the content routes: requests for copy, variants with their grounding report, drafts. */
import { Type, type TSchema } from '@sinclair/typebox';
import { CONTENT_KINDS, CONTENT_LENGTHS, CONTENT_LOCALES, CONTENT_TONES } from '../../content/index.js';
import { AttributesSchema, IdSchema } from '../../domain/index.js';

const literals = <T extends string>(values: readonly T[], description?: string): TSchema =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    description ? { description } : {},
  );

/** A kind of copy. */
export const KindSchema = literals(CONTENT_KINDS);
/** zh or en. */
export const LocaleSchema = literals(CONTENT_LOCALES);
/** A tone. */
export const ToneSchema = literals(CONTENT_TONES);
/** A length. */
export const LengthSchema = literals(CONTENT_LENGTHS);

/** Item facts sent instead of an item id (the item fields copy is written from). */
export const ContentItemSchema = Type.Object(
  {
    id: Type.Optional(IdSchema),
    title: Type.String({ minLength: 1, maxLength: 1000 }),
    category: Type.Optional(Type.String({ maxLength: 500 })),
    brand: Type.Optional(Type.String({ maxLength: 200 })),
    price: Type.Optional(Type.Number({ minimum: 0 })),
    currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
    stock: Type.Optional(Type.Union([Type.Integer({ minimum: 0 }), Type.Null()])),
    attributes: Type.Optional(AttributesSchema),
    tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 100 })),
    translations: Type.Optional(
      Type.Record(
        Type.String({ pattern: '^[a-z]{2}(-[A-Za-z]{2,4})?$' }),
        Type.Object(
          {
            title: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
            category: Type.Optional(Type.String({ maxLength: 500 })),
          },
          { additionalProperties: false },
        ),
      ),
    ),
  },
  { additionalProperties: false },
);

/** Review facts sent with item facts. */
export const ReviewFactsSchema = Type.Object(
  {
    reviews: Type.Integer({ minimum: 0 }),
    positiveShare: Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()]),
    aspects: Type.Array(
      Type.Object(
        {
          aspect: Type.String({ minLength: 1, maxLength: 64 }),
          positive: Type.Integer({ minimum: 0 }),
          negative: Type.Integer({ minimum: 0 }),
        },
        { additionalProperties: false },
      ),
      { maxItems: 50 },
    ),
  },
  { additionalProperties: false },
);

const itemRef = {
  itemId: Type.Optional(IdSchema),
  item: Type.Optional(ContentItemSchema),
  reviews: Type.Optional(ReviewFactsSchema),
};

/** POST /v1/content/generate. */
export const GenerateBody = Type.Object(
  {
    ...itemRef,
    kinds: Type.Array(KindSchema, { minItems: 1, maxItems: 8, uniqueItems: true, default: ['description'] }),
    locale: LocaleSchema,
    tone: Type.Optional(ToneSchema),
    length: Type.Optional(LengthSchema),
    variants: Type.Optional(Type.Integer({ minimum: 1, maximum: 10, default: 3 })),
    seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2 ** 31 - 1, default: 1 })),
    writer: Type.Optional(literals(['auto', 'builtin', 'llm'], 'auto: the configured LLM if any, else the grammar')),
  },
  { additionalProperties: false },
);

/** POST /v1/content/check. */
export const CheckBody = Type.Object(
  { ...itemRef, locale: LocaleSchema, text: Type.String({ minLength: 1, maxLength: 5000 }) },
  { additionalProperties: false },
);

/** One fact-like span and what backs it. */
export const GroundingSchema = Type.Object(
  {
    grounded: Type.Boolean(),
    mentions: Type.Array(
      Type.Object({
        type: literals(['fact', 'price', 'percent', 'number', 'attribute', 'claim']),
        text: Type.String(),
        start: Type.Integer({ description: 'UTF-16 offset into the text' }),
        end: Type.Integer(),
        grounded: Type.Boolean(),
        source: Type.String({
          description: "what backs it ('price', 'attributes.color', 'reviews.quality: 25 positive') or why not",
        }),
      }),
    ),
    problems: Type.Array(Type.String()),
  },
  { $id: 'GroundingReport' },
);

const VariantSchema = Type.Object({
  id: Type.String({ description: 'stable id of the text, usable as an experiment variant key' }),
  kind: KindSchema,
  locale: LocaleSchema,
  tone: ToneSchema,
  length: LengthSchema,
  text: Type.String(),
  source: literals(['builtin', 'llm']),
  grounding: GroundingSchema,
});

/** The copy for one item. */
export const GenerateResponseSchema = Type.Object({
  itemId: Type.Union([Type.String(), Type.Null()]),
  locale: LocaleSchema,
  tone: ToneSchema,
  length: LengthSchema,
  seed: Type.Integer(),
  writer: Type.Object({
    requested: Type.String(),
    llm: Type.Boolean({ description: 'whether an LLM was asked' }),
    llmError: Type.Union([Type.String(), Type.Null()], { description: 'why the LLM gave nothing usable' }),
  }),
  results: Type.Array(
    Type.Object({
      kind: KindSchema,
      variants: Type.Array(VariantSchema),
      candidates: Type.Integer(),
      rejected: Type.Integer({ description: 'candidates the grounding check refused (never returned)' }),
      rejections: Type.Array(Type.Array(Type.String())),
    }),
  ),
});

/** POST /v1/content/jobs. */
export const BulkBody = Type.Object(
  {
    itemIds: Type.Optional(
      Type.Array(IdSchema, { maxItems: 10000, description: 'absent or empty: every active item' }),
    ),
    kinds: Type.Array(KindSchema, { minItems: 1, maxItems: 8, uniqueItems: true }),
    locale: LocaleSchema,
    tone: Type.Optional(ToneSchema),
    length: Type.Optional(LengthSchema),
    variants: Type.Optional(Type.Integer({ minimum: 1, maximum: 5, default: 1 })),
    seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2 ** 31 - 1, default: 1 })),
  },
  { additionalProperties: false },
);

/** POST /v1/content/drafts. */
export const DraftBody = Type.Object(
  {
    itemId: IdSchema,
    kind: KindSchema,
    locale: LocaleSchema,
    tone: ToneSchema,
    length: LengthSchema,
    text: Type.String({ minLength: 1, maxLength: 5000 }),
    source: Type.Optional(literals(['builtin', 'llm', 'edited'])),
  },
  { additionalProperties: false },
);

/** A saved draft. */
export const DraftSchema = Type.Object({
  id: Type.String(),
  itemId: Type.String(),
  kind: Type.String(),
  locale: Type.String(),
  tone: Type.String(),
  length: Type.String(),
  text: Type.String(),
  source: Type.String(),
  grounding: Type.Unknown({ description: 'the grounding report it was saved with' }),
  status: literals(['pending', 'accepted', 'rejected']),
  jobId: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  decidedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

/** GET /v1/content/drafts. */
export const DraftQuery = Type.Object({
  itemId: Type.Optional(IdSchema),
  status: Type.Optional(literals(['pending', 'accepted', 'rejected'])),
  kind: Type.Optional(KindSchema),
  jobId: Type.Optional(Type.String({ maxLength: 128 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
});
