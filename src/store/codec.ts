/** Conversions between column values and domain values that hold on both engines. */

/** Reads a JSON column: SQLite returns text, PostgreSQL an already-parsed value. */
export function decodeJson<T>(value: unknown, fallback: T): T {
  if (value === null || value === undefined) return fallback;
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** Writes a JSON column. */
export function encodeJson(value: unknown): string {
  return JSON.stringify(value ?? null);
}

/** Reads a boolean column (0/1 on SQLite, boolean on PostgreSQL). */
export function decodeBool(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 't';
}

/** Writes a boolean column. */
export function encodeBool(value: boolean | undefined | null): number {
  return value ? 1 : 0;
}

/** Splits a list into chunks, so `in (...)` lists and inserts stay under parameter limits. */
export function chunked<T>(values: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}
