/** Our CSV layout: a header row naming API fields, turned into a plan that builds one JSON value per row. */

/** How one column's text becomes a JSON value. */
export type CellType = 'string' | 'number' | 'boolean' | 'list' | 'timestamp';

/** One column: where its value goes in the record and how it is converted. */
export interface ColumnPlan {
  header: string;
  /** The dotted header split into keys: `translations.en.title` → ['translations', 'en', 'title']. */
  path: string[];
  type: CellType;
}

const NUMBER_FIELDS = new Set(['price', 'stock', 'quantity', 'revenue', 'rating']);
const BOOLEAN_FIELDS = new Set(['active']);
const LIST_FIELDS = new Set(['images', 'tags']);
const TIMESTAMP_FIELDS = new Set(['timestamp', 'createdAt']);
// Assigning these keys on a plain object would change its prototype instead of adding a field.
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function cellType(path: string[]): CellType {
  const top = path[0] ?? '';
  if (path.length === 1) {
    if (NUMBER_FIELDS.has(top)) return 'number';
    if (BOOLEAN_FIELDS.has(top)) return 'boolean';
    if (LIST_FIELDS.has(top)) return 'list';
    if (TIMESTAMP_FIELDS.has(top)) return 'timestamp';
  }
  if (top === 'consent' && path.length === 2) return 'boolean';
  return 'string';
}

/** Plans the columns of a header row, or explains why the header cannot be used. */
export function planColumns(headers: string[]): ColumnPlan[] | { error: string } {
  const plans: ColumnPlan[] = [];
  const seen = new Set<string>();
  for (const raw of headers) {
    const header = raw.trim();
    const path = header.split('.');
    if (header === '' || path.some((p) => p === '')) return { error: `header "${raw}" is empty or has an empty part` };
    if (path.some((p) => FORBIDDEN_KEYS.has(p))) return { error: `header "${header}" uses a reserved name` };
    if (seen.has(header)) return { error: `header "${header}" appears twice` };
    seen.add(header);
    plans.push({ header, path, type: cellType(path) });
  }
  // 'attributes' and 'attributes.color' cannot both be set: one would overwrite the other.
  for (const p of plans) {
    for (let i = 1; i < p.path.length; i++) {
      const prefix = p.path.slice(0, i).join('.');
      if (seen.has(prefix)) return { error: `headers "${prefix}" and "${p.header}" overlap` };
    }
  }
  return plans;
}

/** Plain decimal or exponent notation; thousands separators and currency signs do not count. */
export const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Converts a non-empty cell; text that does not fit its type is kept as text so validation names the field. */
export function convertCell(text: string, type: CellType, listSeparator = '|'): unknown {
  switch (type) {
    case 'number':
      return NUMERIC.test(text) ? Number(text) : text;
    case 'boolean': {
      const t = text.toLowerCase();
      return t === 'true' || t === '1' ? true : t === 'false' || t === '0' ? false : text;
    }
    case 'list':
      return text
        .split(listSeparator)
        .map((s) => s.trim())
        .filter((s) => s.length > 0);
    case 'timestamp':
      return /^\d+$/.test(text) ? Number(text) : text;
    default:
      return text;
  }
}

/** Builds one record from a row's cells; empty cells are left out. */
export function rowToValue(plans: ColumnPlan[], cells: string[], listSeparator = '|'): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  plans.forEach((plan, i) => {
    const text = (cells[i] ?? '').trim();
    if (text === '') return;
    let target = value;
    for (let k = 0; k < plan.path.length - 1; k++) {
      const key = plan.path[k] as string;
      const child = target[key];
      if (typeof child === 'object' && child !== null) {
        target = child as Record<string, unknown>;
      } else {
        const created: Record<string, unknown> = {};
        target[key] = created;
        target = created;
      }
    }
    target[plan.path[plan.path.length - 1] as string] = convertCell(text, plan.type, listSeparator);
  });
  return value;
}
