/** Time query parameters (`from`, `to`): an ISO 8601 date or date-time, or epoch milliseconds. */
import { Type } from '@sinclair/typebox';
import { ValidationError } from '../../domain/index.js';

/** The schema of a time query parameter. */
export const TimeQuery = Type.String({
  description: 'ISO 8601 date or date-time (a date is midnight UTC), or epoch milliseconds',
});

/** Parses a time parameter; a bad one is a 400 naming it. */
export function parseTime(value: string | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  // Dates beyond ±8.64e15 ms cannot be formatted back; nobody has events there.
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) {
    throw new ValidationError([
      { field: `querystring.${field}`, message: 'expected an ISO 8601 date or date-time, or epoch milliseconds' },
    ]);
  }
  return ms;
}
