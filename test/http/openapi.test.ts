import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteKind } from '../helpers/databases.js';
import { startTestServer, type TestServer } from '../helpers/test-engine.js';
import { lintOpenApi } from '../openapi-lint/lint-document.js';

interface Operation {
  operationId?: string;
  responses: Record<string, unknown>;
}
type Document = { paths: Record<string, Record<string, Operation>>; servers?: unknown[]; info: { license?: unknown } };

describe('the OpenAPI document', () => {
  let server: TestServer;
  let doc: Document;
  let text: string;

  beforeAll(async () => {
    server = await startTestServer(sqliteKind());
    text = (await server.app.inject({ url: '/openapi.json' })).body;
    doc = JSON.parse(text) as Document;
  });
  afterAll(async () => server.close());

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ path, method, op })),
    );

  it('names every operation with a unique, readable operationId', () => {
    const all = operations();
    expect(all.length).toBeGreaterThanOrEqual(55);
    const missing = all.filter((o) => o.op.operationId === undefined).map((o) => `${o.method} ${o.path}`);
    expect(missing).toEqual([]);
    const ids = all.map((o) => o.op.operationId!);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][A-Za-z]+$/);
  });

  it('states servers and a licence, and documents problem responses on every keyed operation', () => {
    expect(doc.servers).toEqual([expect.objectContaining({ url: expect.stringMatching(/^http:\/\//) })]);
    expect(doc.info.license).toEqual({ name: 'MIT', identifier: 'MIT' });
    const search = doc.paths['/v1/search']!.get!;
    expect(Object.keys(search.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '429']));
    expect(search.responses['400']).toMatchObject({
      content: { 'application/problem+json': { example: { status: 400 } } },
    });
  });

  it('documents the photo search body by content type: the JSON form has a schema, images are bytes', () => {
    const op = doc.paths['/v1/vision/search']!.post! as Operation & {
      requestBody: { content: Record<string, { schema: Record<string, unknown> }> };
    };
    const content = op.requestBody.content;
    expect(content['application/json']!.schema).toMatchObject({
      type: 'object',
      required: ['image'],
      properties: { image: { type: 'string' }, k: { type: 'integer', minimum: 1, maximum: 100 } },
      additionalProperties: false,
    });
    expect(Object.keys(content)).toEqual(expect.arrayContaining(['image/jpeg', 'image/png', 'image/webp']));
  });

  it("passes Redocly's recommended rules with nothing left but the accepted warnings", async () => {
    // The accepted warnings, each with its reason, are in test/openapi-lint/accepted-warnings.ts.
    const problems = await lintOpenApi(text, '/openapi.json');
    const left = problems
      .filter((p) => !p.ignored)
      .map((p) => ({ ruleId: p.ruleId, severity: p.severity, pointer: p.location[0]?.pointer, message: p.message }));
    expect(left).toEqual([]);
  });
});
