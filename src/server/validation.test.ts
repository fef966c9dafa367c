import { Type, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { SearchQuerystring } from './routes/search-schemas.js';
import { validatorCompiler } from './validation.js';

const compile = (schema: TSchema, httpPart: string) =>
  validatorCompiler({ schema, httpPart, method: 'GET', url: '/' }) as (raw: unknown) => {
    value?: unknown;
    error?: Error;
  };

describe('request validation', () => {
  it('fills query string defaults as TypeBox would, converting text first', () => {
    const validate = compile(SearchQuerystring, 'querystring');
    for (const raw of [{}, { q: 'sink' }, { q: 'sink', page: '3' }, { pageSize: '5', 'attr.color': 'red' }]) {
      const expected = Value.Default(SearchQuerystring, Value.Convert(SearchQuerystring, structuredClone(raw)));
      expect(validate(structuredClone(raw)).value).toEqual(expected);
    }
    expect(validate({}).value).toEqual({ page: 1, pageSize: 20 });
    expect(validate({ pageSize: '0' }).error?.message).toMatch(/pageSize/);
  });

  it('leaves defaults below the top level to TypeBox', () => {
    const schema = Type.Object({
      sort: Type.Object({ by: Type.String({ default: 'relevance' }) }, { default: {} }),
      limit: Type.Integer({ default: 10 }),
    });
    expect(compile(schema, 'querystring')({}).value).toEqual({ sort: { by: 'relevance' }, limit: 10 });
  });
});
