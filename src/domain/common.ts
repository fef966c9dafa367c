/** Shared schema pieces for the data model: identifiers, timestamps and free-form maps. */
import { Type, type Static } from '@sinclair/typebox';

/** An identifier chosen by the store (item, customer, order, …): 1–128 characters, no control characters. */
export const IdSchema = Type.String({ minLength: 1, maxLength: 128, pattern: '^[^\\u0000-\\u001f\\u007f]+$' });

/** A timestamp given as an ISO 8601 string or as milliseconds since the epoch. */
export const TimestampInputSchema = Type.Union([
  Type.String({ format: 'date-time', description: 'ISO 8601 date-time' }),
  Type.Integer({ minimum: 0, description: 'milliseconds since the Unix epoch' }),
]);

/** A timestamp input, before it is normalised to epoch milliseconds. */
export type TimestampInput = Static<typeof TimestampInputSchema>;

/** A free key/value map of scalar values (or lists of strings) used for item attributes. */
export const AttributesSchema = Type.Record(
  Type.String({ minLength: 1, maxLength: 128 }),
  Type.Union([
    Type.String({ maxLength: 4000 }),
    Type.Number(),
    Type.Boolean(),
    Type.Array(Type.String({ maxLength: 1000 }), { maxItems: 100 }),
  ]),
);

/** Free properties: any JSON object. */
export const PropertiesSchema = Type.Record(Type.String(), Type.Unknown());

/** Converts a timestamp input to epoch milliseconds (NaN when a string does not parse). */
export function toEpochMs(input: TimestampInput): number {
  return typeof input === 'number' ? input : Date.parse(input);
}

/** Milliseconds in a day (UTC days: the engine counts time in epoch milliseconds). */
export const DAY_MS = 86_400_000;

/** Milliseconds in a week (seven UTC days). */
export const WEEK_MS = 7 * DAY_MS;

/** Formats epoch milliseconds as an ISO 8601 string. */
export function toIso(ms: number): string {
  return new Date(ms).toISOString();
}
