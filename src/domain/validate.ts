/**
 * Schema validation shared by the HTTP edge and the importers, so both name problems the same way:
 * a field path (`attributes.colour`) and, in batches, the record index.
 */
import { FormatRegistry, type TSchema, type Static } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import type { ValueError } from '@sinclair/typebox/errors';
import type { FieldIssue } from './errors.js';

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;
if (!FormatRegistry.Has('date-time')) {
  FormatRegistry.Set('date-time', (v) => ISO_DATE_TIME.test(v) && !Number.isNaN(Date.parse(v)));
}

/** A compiled validator for one schema. */
export interface Validator<T> {
  /** The issues with `value` (empty when valid). */
  issues(value: unknown): FieldIssue[];
  /** Narrowing check. */
  check(value: unknown): value is T;
  /** The schema it was compiled from. */
  readonly schema: TSchema;
}

const cache = new WeakMap<TSchema, TypeCheck<TSchema>>();

/** Compiles (once) a validator for a schema. */
export function compileValidator<S extends TSchema>(schema: S): Validator<Static<S>> {
  let compiled = cache.get(schema);
  if (!compiled) {
    compiled = TypeCompiler.Compile(schema);
    cache.set(schema, compiled);
  }
  const check = compiled;
  return {
    schema,
    check: (value): value is Static<S> => check.Check(value),
    issues(value) {
      if (check.Check(value)) return [];
      return dedupe([...check.Errors(value)].map(toIssue));
    },
  };
}

/** Converts a JSON pointer (`/attributes/colour`) to a dotted field name (`attributes.colour`). */
export function pointerToField(pointer: string): string {
  if (pointer === '' || pointer === '/') return '(root)';
  return pointer
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

function toIssue(error: ValueError): FieldIssue {
  return { field: pointerToField(error.path), message: friendlyMessage(error) };
}

function friendlyMessage(error: ValueError): string {
  const schema = error.schema as { anyOf?: TSchema[]; maxLength?: number; pattern?: string };
  if (error.value === undefined) return 'is required';
  if (/Unexpected property/.test(error.message)) return 'is not a known field';
  if (schema.anyOf && error.path.endsWith('/type')) return `unknown event type ${JSON.stringify(error.value)}`;
  return error.message.replace(/^Expected /, 'expected ');
}

/** One issue per field: TypeBox may report several for one bad value (e.g. each arm of a union). */
function dedupe(issues: FieldIssue[]): FieldIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => (seen.has(i.field) ? false : (seen.add(i.field), true)));
}
