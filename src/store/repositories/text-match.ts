/** Case-insensitive "contains" filters for browsing lists (id, title, name), written the same on both engines. */
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';

/** Escapes LIKE wildcards so a search for `50%` or `a_b` matches those characters literally. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * True where the text expression contains `needle`, ignoring case. lower() on both sides, so each engine
 * folds case the same way for the column and the needle (SQLite folds ASCII only; Chinese has no case).
 */
export function containsText(expression: Expression<string | null>, needle: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`lower(${expression}) like lower(${likePattern(needle)}) escape '\\'`;
}
