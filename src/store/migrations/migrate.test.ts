import { describe, expect, it } from 'vitest';
import { otherSchemaVanished } from './migrate.js';

/** An error as node-postgres reports it, with its SQLSTATE code. */
function pgError(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('otherSchemaVanished', () => {
  it('tells another schema dropped during the table listing from a problem with this one', () => {
    const other = pgError('schema "daogou_t_other" does not exist', '3F000');
    expect(otherSchemaVanished(other, 'daogou_t_mine')).toBe(true);
    expect(otherSchemaVanished(other, null)).toBe(true);
    expect(otherSchemaVanished(pgError('schema "daogou_t_mine" does not exist', '3F000'), 'daogou_t_mine')).toBe(false);
    expect(otherSchemaVanished(pgError('relation "items" already exists', '42P07'), 'daogou_t_mine')).toBe(false);
    expect(otherSchemaVanished(undefined, 'daogou_t_mine')).toBe(false);
  });

  it('tells a table of another schema dropped during the listing from a missing table of this one', () => {
    const partition = (schema: string) => pgError(`relation "${schema}.events_p202603" does not exist`, '42P01');
    expect(otherSchemaVanished(partition('daogou_t_other'), 'daogou_t_mine')).toBe(true);
    expect(otherSchemaVanished(partition('daogou_t_other'), null)).toBe(true);
    expect(otherSchemaVanished(partition('daogou_t_mine'), 'daogou_t_mine')).toBe(false);
    expect(otherSchemaVanished(partition('public'), null)).toBe(false);
    expect(otherSchemaVanished(pgError('relation "events" does not exist', '42P01'), 'daogou_t_mine')).toBe(false);
  });
});
