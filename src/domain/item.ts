/** The catalogue item: what a store sells. */
import { Type, type Static } from '@sinclair/typebox';
import { AttributesSchema, IdSchema, TimestampInputSchema } from './common.js';

/** Text of an item in another language (the item's own fields hold the store's primary language). */
export const ItemTranslationSchema = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
    description: Type.Optional(Type.String({ maxLength: 20000 })),
    category: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

/**
 * An image address: http(s) or a path on this server. Pages put these in `src`/`href` attributes, so a
 * `javascript:` or `data:` address would run script or smuggle content into the storefront.
 */
export const ImageUrlSchema = Type.String({
  minLength: 1,
  maxLength: 2000,
  pattern: '^(?:[Hh][Tt][Tt][Pp][Ss]?://|/)[^\\u0000-\\u001f\\u007f]*$',
  description: 'an http(s) URL or a path starting with /',
});

const itemFields = {
  title: Type.String({ minLength: 1, maxLength: 1000 }),
  description: Type.Optional(Type.String({ maxLength: 20000 })),
  category: Type.Optional(
    Type.String({ maxLength: 500, description: "category path, '/'-separated, e.g. '女装/连衣裙' or 'Home/Kitchen'" }),
  ),
  brand: Type.Optional(Type.String({ maxLength: 200 })),
  price: Type.Optional(Type.Number({ minimum: 0 })),
  currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 code' })),
  stock: Type.Optional(Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], { description: 'null: not tracked' })),
  attributes: Type.Optional(AttributesSchema),
  images: Type.Optional(Type.Array(ImageUrlSchema, { maxItems: 50 })),
  tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 100 })),
  translations: Type.Optional(
    Type.Record(Type.String({ pattern: '^[a-z]{2}(-[A-Za-z]{2,4})?$' }), ItemTranslationSchema, {
      description: "per-locale text, e.g. { en: { title: 'Red dress' } }",
    }),
  ),
  active: Type.Optional(Type.Boolean({ default: true })),
};

/** An item as sent by a client (create or full replace). */
export const ItemInputSchema = Type.Object(
  { id: IdSchema, ...itemFields, createdAt: Type.Optional(TimestampInputSchema) },
  { additionalProperties: false, $id: 'ItemInput' },
);
/** An item as sent by a client. */
export type ItemInput = Static<typeof ItemInputSchema>;

/** A partial update of an item: any field but the id; `null` clears an optional field. */
export const ItemPatchSchema = Type.Object(
  {
    title: Type.Optional(itemFields.title),
    description: Type.Optional(Type.Union([Type.String({ maxLength: 20000 }), Type.Null()])),
    category: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
    brand: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
    price: Type.Optional(Type.Union([Type.Number({ minimum: 0 }), Type.Null()])),
    currency: Type.Optional(Type.Union([Type.String({ pattern: '^[A-Z]{3}$' }), Type.Null()])),
    stock: Type.Optional(Type.Union([Type.Integer({ minimum: 0 }), Type.Null()])),
    attributes: Type.Optional(AttributesSchema),
    images: Type.Optional(itemFields.images),
    tags: Type.Optional(itemFields.tags),
    translations: Type.Optional(itemFields.translations),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1, $id: 'ItemPatch' },
);
/** A partial update of an item. */
export type ItemPatch = Static<typeof ItemPatchSchema>;

/**
 * Present on an item returned to a customer when a running price experiment sets the price they see (`price`
 * is then their variant's price): which experiment, which variant, and the catalogue price others see.
 */
export const PriceExperimentTagSchema = Type.Object(
  {
    id: Type.String({ description: 'the experiment' }),
    name: Type.String(),
    variant: Type.String({ description: "this customer's variant, e.g. control or treatment" }),
    regularPrice: Type.Union([Type.Number(), Type.Null()], {
      description: "the catalogue's price, shown to customers outside the experiment",
    }),
  },
  { $id: 'PriceExperimentTag' },
);
/** Which price experiment set an item's price for this customer. */
export type PriceExperimentTag = Static<typeof PriceExperimentTagSchema>;

/** An item as stored and returned. */
export const ItemSchema = Type.Object(
  {
    id: Type.String(),
    title: Type.String(),
    description: Type.Union([Type.String(), Type.Null()]),
    category: Type.Union([Type.String(), Type.Null()]),
    brand: Type.Union([Type.String(), Type.Null()]),
    price: Type.Union([Type.Number(), Type.Null()]),
    currency: Type.Union([Type.String(), Type.Null()]),
    stock: Type.Union([Type.Integer(), Type.Null()]),
    attributes: AttributesSchema,
    images: Type.Array(Type.String()),
    tags: Type.Array(Type.String()),
    translations: Type.Record(Type.String(), ItemTranslationSchema),
    active: Type.Boolean(),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Item' },
);
/** An item as stored and returned. */
export type Item = Static<typeof ItemSchema>;

/** An item as returned to a customer: `price` is the one they see, `priceExperiment` says when an experiment set it. */
export const CustomerItemSchema = Type.Object(
  { ...ItemSchema.properties, priceExperiment: Type.Optional(PriceExperimentTagSchema) },
  { $id: 'CustomerItem' },
);
/** An item as returned to a customer. */
export type CustomerItem = Static<typeof CustomerItemSchema>;

/** The category path split into its levels: 'Home/Kitchen' → ['Home', 'Home/Kitchen']. */
export function categoryAncestors(category: string | null | undefined): string[] {
  if (!category) return [];
  const parts = category.split('/').filter((p) => p.length > 0);
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}
