/** Schemas of the recommendation routes, and the mapping of query strings to service options. */
import { Type, type Static } from '@sinclair/typebox';
import { CustomerItemSchema, IdSchema, ValidationError } from '../../domain/index.js';
import type { RecommendOptions } from '../../recommend/index.js';

const Ids = Type.Union([Type.String(), Type.Array(Type.String())], {
  description: 'repeat the parameter or give a comma-separated list',
});

const BOOST = '^(category|brand|item):.+:[0-9]*\\.?[0-9]+$';
const PIN = '^.+:[0-9]{1,2}$';

/** Query parameters shared by every GET recommendation route. */
export const RecommendQuery = Type.Object(
  {
    k: Type.Integer({ minimum: 1, maximum: 100, default: 10, description: 'how many items' }),
    category: Type.Optional({ ...Ids, description: 'keep items in these categories (or below them)' }),
    priceMin: Type.Optional(Type.Number({ minimum: 0 })),
    priceMax: Type.Optional(Type.Number({ minimum: 0 })),
    inStock: Type.Optional(Type.Boolean({ description: 'only items in stock (untracked stock counts as in stock)' })),
    exclude: Type.Optional({ ...Ids, description: 'item ids never to return' }),
    excludePurchased: Type.Optional(
      Type.Boolean({
        description:
          "leave out the customer's purchases (default true), except items customers buy again (≥ 20% of buyers re-buy): those may come back as buy-again",
      }),
    ),
    excludeSeenDays: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 3650, description: 'leave out items seen in the last N days (default 30)' }),
    ),
    diversity: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: '0 relevance only … 1 most varied' })),
    channel: Type.Optional(Type.String({ maxLength: 40, description: 'channel for popularity fallbacks' })),
    boost: Type.Optional(
      Type.Union([Type.String({ pattern: BOOST }), Type.Array(Type.String({ pattern: BOOST }), { maxItems: 20 })], {
        description:
          'multiply the scores of matching items, repeatable: category:<path>:<factor>, brand:<name>:<factor> or item:<id>:<factor>, e.g. brand:Acme:1.5',
      }),
    ),
    pin: Type.Optional(
      Type.Union([Type.String({ pattern: PIN }), Type.Array(Type.String({ pattern: PIN }), { maxItems: 20 })], {
        description: 'put an item at a 0-based position if it passes the filters, repeatable: <itemId>:<position>',
      }),
    ),
    customerId: Type.Optional({
      ...IdSchema,
      description:
        'who sees the list, for price experiments (items show their variant’s price); a browser key needs the customer’s token in `X-Customer-Token`, else only `anonymousId` counts',
    }),
    anonymousId: Type.Optional({
      ...IdSchema,
      description: 'the visitor’s anonymous id, for price experiments (without any id: catalogue prices)',
    }),
  },
  {
    description:
      'attribute filters: attr.<name>=<value>, e.g. attr.colour=red; attr.size=S,M keeps items with any of the values (list-valued attributes match when any of their values does)',
  },
);
/** Parsed query. */
export type RecommendQueryType = Static<typeof RecommendQuery>;

/** Filters in a POST body. */
export const RecommendFilters = Type.Object(
  {
    categories: Type.Optional(Type.Array(Type.String(), { maxItems: 50 })),
    priceMin: Type.Optional(Type.Number({ minimum: 0 })),
    priceMax: Type.Optional(Type.Number({ minimum: 0 })),
    inStock: Type.Optional(Type.Boolean()),
    attributes: Type.Optional(
      Type.Record(
        Type.String(),
        Type.Union([
          Type.String(),
          Type.Number(),
          Type.Boolean(),
          Type.Array(Type.Union([Type.String(), Type.Number(), Type.Boolean()]), { maxItems: 50 }),
        ]),
      ),
    ),
    exclude: Type.Optional(Type.Array(IdSchema, { maxItems: 1000 })),
    diversity: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    channel: Type.Optional(Type.String({ maxLength: 40 })),
    boosts: Type.Optional(
      Type.Array(
        Type.Object({
          factor: Type.Number({ exclusiveMinimum: 0 }),
          category: Type.Optional(Type.String()),
          brand: Type.Optional(Type.String()),
          itemIds: Type.Optional(Type.Array(IdSchema, { maxItems: 1000 })),
        }),
        { maxItems: 20 },
      ),
    ),
    pins: Type.Optional(
      Type.Array(Type.Object({ itemId: IdSchema, position: Type.Integer({ minimum: 0, maximum: 99 }) }), {
        maxItems: 20,
      }),
    ),
  },
  { additionalProperties: false },
);

/** POST /v1/recommendations/session body. */
export const SessionBody = Type.Object(
  {
    itemIds: Type.Array(IdSchema, {
      minItems: 1,
      maxItems: 100,
      description: 'items the session touched, oldest first',
    }),
    anonymousId: Type.Optional(IdSchema),
    k: Type.Integer({ minimum: 1, maximum: 100, default: 10 }),
    filters: Type.Optional(RecommendFilters),
  },
  { additionalProperties: false },
);

const ReasonSchema = Type.Object({
  type: Type.String({
    description: 'because-you, bought-together, similar, trending, popular, for-you or buy-again',
  }),
  text: Type.String(),
  itemId: Type.Optional(Type.String()),
});

/** A recommendation response. */
export const RecommendationsSchema = Type.Object(
  {
    recommendationId: Type.String({ description: 'send it as recommendationId on click and purchase events' }),
    model: Type.Union(
      [Type.Object({ id: Type.String(), trainedAt: Type.String({ format: 'date-time' }) }), Type.Null()],
      {
        description: 'the model that ranked the list; null while only popularity is available',
      },
    ),
    items: Type.Array(
      Type.Object({
        id: Type.String(),
        score: Type.Number(),
        reasons: Type.Array(ReasonSchema),
        item: CustomerItemSchema,
      }),
    ),
  },
  { $id: 'Recommendations' },
);

/** Attribution per surface. */
export const AttributionSchema = Type.Object({
  since: Type.String({ format: 'date-time' }),
  surfaces: Type.Array(
    Type.Object({
      surface: Type.String(),
      served: Type.Integer(),
      clicks: Type.Integer(),
      purchases: Type.Integer(),
      revenue: Type.Number(),
      clickRate: Type.Number({ description: 'clicks per list served' }),
    }),
  ),
});

/** A list parameter given repeated or comma-separated. */
function list(v: string | string[] | undefined): string[] | undefined {
  if (v === undefined) return undefined;
  const out = (Array.isArray(v) ? v : [v])
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
  return out.length > 0 ? out : undefined;
}

/** Query string → service options; `attr.<name>` parameters become attribute filters. */
export function optionsFromQuery(q: RecommendQueryType & Record<string, unknown>): RecommendOptions {
  const attributes: Record<string, string> = {};
  for (const [key, value] of Object.entries(q))
    if (key.startsWith('attr.') && key.length > 5) attributes[key.slice(5)] = String(value);
  const categories = list(q.category);
  const exclude = list(q.exclude);
  return {
    k: q.k,
    ...(categories ? { categories } : {}),
    ...(q.priceMin !== undefined ? { priceMin: q.priceMin } : {}),
    ...(q.priceMax !== undefined ? { priceMax: q.priceMax } : {}),
    ...(q.inStock !== undefined ? { inStock: q.inStock } : {}),
    ...(exclude ? { exclude } : {}),
    ...(q.excludePurchased !== undefined ? { excludePurchased: q.excludePurchased } : {}),
    ...(q.excludeSeenDays !== undefined ? { excludeSeenDays: q.excludeSeenDays } : {}),
    ...(q.diversity !== undefined ? { diversity: q.diversity } : {}),
    ...(q.channel !== undefined ? { channel: q.channel } : {}),
    ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
    ...orderingFromQuery(q.boost, q.pin),
  };
}

/** `boost` and `pin` query parameters → boosts and pins (the schema has checked their shape). */
function orderingFromQuery(
  boost: string | string[] | undefined,
  pin: string | string[] | undefined,
): Pick<RecommendOptions, 'boosts' | 'pins'> {
  const boosts = (boost === undefined ? [] : Array.isArray(boost) ? boost : [boost]).map((b) => {
    const kind = b.slice(0, b.indexOf(':'));
    const value = b.slice(kind.length + 1, b.lastIndexOf(':'));
    const factor = Number(b.slice(b.lastIndexOf(':') + 1));
    if (!(factor > 0)) throw new ValidationError([{ field: 'boost', message: `factor must be above 0 in "${b}"` }]);
    return kind === 'item' ? { factor, itemIds: [value] } : { factor, [kind]: value };
  });
  const pins = (pin === undefined ? [] : Array.isArray(pin) ? pin : [pin]).map((p) => ({
    itemId: p.slice(0, p.lastIndexOf(':')),
    position: Number(p.slice(p.lastIndexOf(':') + 1)),
  }));
  return { ...(boosts.length > 0 ? { boosts } : {}), ...(pins.length > 0 ? { pins } : {}) };
}

/** POST filters → service options. */
export function optionsFromFilters(k: number, f: Static<typeof RecommendFilters> | undefined): RecommendOptions {
  return { k, ...(f ?? {}) };
}
