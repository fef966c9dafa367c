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
});
