/** TypeBox schemas of the search routes (they validate and produce the OpenAPI document). */
import { Type } from '@sinclair/typebox';
import { IdSchema, PriceExperimentTagSchema } from '../../domain/index.js';
import { SEARCH_SORTS } from '../../search/index.js';
import { Nullable } from './common-schemas.js';

const StringOrList = Type.Union([
  Type.String({ minLength: 1, maxLength: 500 }),
  Type.Array(Type.String({ maxLength: 500 }), { maxItems: 50 }),
]);

/** `GET /v1/search` query parameters (`attr.<name>=value` filters are read beside these). */
export const SearchQuerystring = Type.Object(
  {
    q: Type.Optional(
      Type.String({
        maxLength: 1000,
        description: 'free text; price words such as "300元以内" or "under $50" become filters',
      }),
    ),
    category: Type.Optional({
      ...StringOrList,
      description: 'category path prefix, e.g. 女装 or 女装/连衣裙; repeat for any of several',
    }),
    brand: Type.Optional({ ...StringOrList, description: 'brand; repeat for any of several' }),
    priceMin: Type.Optional(Type.Number({ minimum: 0 })),
    priceMax: Type.Optional(Type.Number({ minimum: 0 })),
    inStock: Type.Optional(Type.Boolean()),
    sort: Type.Optional(Type.Union(SEARCH_SORTS.map((s) => Type.Literal(s)))),
    page: Type.Integer({ minimum: 1, maximum: 1000, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
    customerId: Type.Optional({
      ...IdSchema,
      description: 'personalise with this customer; the search is logged as theirs',
    }),
    anonymousId: Type.Optional(IdSchema),
    sessionId: Type.Optional(IdSchema),
    locale: Type.Optional(
      Type.String({ pattern: '^[a-z]{2}(-[A-Za-z]{2,4})?$', description: 'also show each hit in this translation' }),
    ),
    facets: Type.Optional(
      Type.String({
        maxLength: 500,
        description:
          'comma-separated facets to count: category, brand, price and attribute names, e.g. category,brand,price,color (none by default)',
      }),
    ),
  },
  { additionalProperties: true },
);

const Facet = Type.Object({ value: Type.String(), count: Type.Integer() });
const Translation = Type.Object({
  title: Type.Optional(Type.String()),
  description: Type.Optional(Type.String()),
  category: Type.Optional(Type.String()),
});

/** An item as search shows it. */
export const SearchItemSchema = Type.Object(
  {
    id: Type.String(),
    title: Type.String(),
    description: Nullable(Type.String()),
    category: Nullable(Type.String()),
    brand: Nullable(Type.String()),
    price: Nullable(Type.Number()),
    currency: Nullable(Type.String()),
    stock: Nullable(Type.Integer()),
    inStock: Type.Boolean(),
    attributes: Type.Record(Type.String(), Type.Unknown()),
    tags: Type.Array(Type.String()),
    images: Type.Array(Type.String()),
    translations: Type.Record(Type.String(), Translation),
    createdAt: Nullable(Type.String({ format: 'date-time' })),
    priceExperiment: Type.Optional(PriceExperimentTagSchema),
  },
  { $id: 'SearchItem' },
);

const AppliedFilters = Type.Object({
  category: Type.Optional(Type.Array(Type.String())),
  brand: Type.Optional(Type.Array(Type.String())),
  priceMin: Type.Optional(Type.Number()),
  priceMax: Type.Optional(Type.Number()),
  inStock: Type.Optional(Type.Boolean()),
  attributes: Type.Optional(Type.Record(Type.String(), Type.Array(Type.String()))),
});

/** A search response. */
export const SearchResponseSchema = Type.Object(
  {
    query: Type.String(),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
    items: Type.Array(
      Type.Object({
        id: Type.String(),
        score: Type.Number(),
        pinned: Type.Boolean(),
        highlights: Nullable(
          Type.Object({
            title: Type.String({ description: 'HTML-escaped title with <mark> around matched words' }),
            spans: Type.Array(Type.Array(Type.Integer())),
          }),
        ),
        item: SearchItemSchema,
        localized: Type.Optional(Translation),
      }),
    ),
    facets: Type.Object({
      category: Type.Optional(Type.Array(Facet)),
      brand: Type.Optional(Type.Array(Facet)),
      price: Type.Optional(
        Type.Array(
          Type.Object({
            min: Nullable(Type.Number()),
            max: Nullable(Type.Number()),
            count: Type.Integer(),
          }),
        ),
      ),
      attributes: Type.Optional(Type.Record(Type.String(), Type.Array(Facet))),
    }),
    didYouMean: Type.Optional(Type.String()),
    appliedFilters: AppliedFilters,
  },
  { $id: 'SearchResponse' },
);

/** Autocomplete response. */
export const AutocompleteResponseSchema = Type.Object({
  queries: Type.Array(Type.Object({ query: Type.String(), count: Type.Number() })),
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      highlight: Nullable(Type.String()),
      item: SearchItemSchema,
    }),
  ),
});

/** A synonym rule: a two-way group or one-way from → to. */
export const SynonymRuleSchema = Type.Union([
  Type.Object(
    {
      kind: Type.Literal('two-way'),
      words: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { minItems: 2, maxItems: 50 }),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      kind: Type.Literal('one-way'),
      from: Type.String({ minLength: 1, maxLength: 200 }),
      to: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { minItems: 1, maxItems: 50 }),
    },
    { additionalProperties: false },
  ),
]);

const Ids = Type.Array(IdSchema, { maxItems: 100 });

/** A merchandising rule as sent. */
export const RuleInputSchema = Type.Object(
  {
    query: Type.String({ minLength: 1, maxLength: 500, description: 'the query the rule applies to' }),
    match: Type.Optional(Type.Union([Type.Literal('exact'), Type.Literal('contains')])),
    pin: Type.Optional({ ...Ids, description: 'item ids placed first, in order' }),
    hide: Type.Optional({ ...Ids, description: 'item ids never shown for the query' }),
    adjust: Type.Optional(
      Type.Array(
        Type.Object(
          {
            ids: Type.Optional(Ids),
            brand: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            category: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
            factor: Type.Number({ exclusiveMinimum: 0, maximum: 100, description: '>1 boosts, <1 buries' }),
          },
          { additionalProperties: false },
        ),
        { maxItems: 50 },
      ),
    ),
  },
  { additionalProperties: false },
);

/** A stored merchandising rule. */
export const RuleSchema = Type.Intersect([RuleInputSchema, Type.Object({ id: Type.String() })], { $id: 'SearchRule' });

const QueryCount = Type.Object({
  query: Type.String(),
  searches: Type.Integer(),
  zeroResults: Type.Integer(),
  clicked: Type.Integer(),
});

/** The query analytics report. */
export const SearchStatsSchema = Type.Object({
  since: Type.String({ format: 'date-time' }),
  searches: Type.Integer(),
  distinctQueries: Type.Integer(),
  zeroResultSearches: Type.Integer(),
  zeroResultRate: Type.Number(),
  searchesWithSession: Type.Integer(),
  clickThroughRate: Type.Number({
    description: 'share of searches (with a session) followed by a click, cart or purchase within 30 minutes',
  }),
  topQueries: Type.Array(QueryCount),
  zeroResultQueries: Type.Array(QueryCount),
});
