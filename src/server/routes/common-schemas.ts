/** Schemas shared by several routes (path parameters, paging, problem responses). */
import { Type, type Static, type TSchema, type TUnsafe } from '@sinclair/typebox';
import { IdSchema } from '../../domain/index.js';

/** `/:id` path parameter. */
export const IdParams = Type.Object({ id: IdSchema });

/** Keyset paging over ids. */
export const PageQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
  after: Type.Optional(Type.String({ description: 'return records after this id' })),
});

/** A problem details response (RFC 9457). */
export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          index: Type.Optional(Type.Integer({ description: 'position of the record in the batch' })),
          field: Type.String(),
          message: Type.String(),
        }),
      ),
    ),
  },
  { $id: 'Problem' },
);

/** Error responses every authenticated route can give. */
export const errorResponses = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
};

/** Largest number of records in one batch request. */
export const MAX_BATCH = 10_000;

/**
 * `schema` or null, written as a type list (`type: ["string", "null"]`) rather than `anyOf`: the response
 * serializer checks a type list inline, but an `anyOf` runs Ajv on every value (a date-time by regex), which
 * was a tenth of the time spent serialising a search page. For schemas with a single `type` only.
 */
export function Nullable<T extends TSchema & { type: string }>(schema: T): TUnsafe<Static<T> | null> {
  return Type.Unsafe<Static<T> | null>({ ...schema, type: [schema.type, 'null'] });
}
