import { createConfig, lintFromString } from '@redocly/openapi-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteKind } from '../helpers/databases.js';
import { startTestServer, type TestServer } from '../helpers/test-engine.js';

interface Operation {
  operationId?: string;
  responses: Record<string, unknown>;
}
type Document = { paths: Record<string, Record<string, Operation>>; servers?: unknown[]; info: { license?: unknown } };

// Warnings the document keeps on purpose, each with the reason.
const accepted = [
  {
    ruleId: 'operation-4xx-response',
    pointer: '#/paths/~1health/get/responses',
    why: 'liveness answers 200 or nothing',
  },
  { ruleId: 'operation-4xx-response', pointer: '#/paths/~1ready/get/responses', why: 'readiness answers 200 or 503' },
  {
    ruleId: 'no-ambiguous-paths',
    pointer: '#/paths/~1v1~1journeys~1customers~1{id}',
    why: 'journey ids are generated UUIDs, never the word "customers"',
  },
  // Links in messages: they answer an HTML page, a 1×1 image or a redirect, not JSON.
  ...['~1v1~1unsubscribe/get', '~1v1~1unsubscribe/post', '~1v1~1t~1o~1{id}/get', '~1v1~1t~1c~1{id}/get'].map((op) => ({
    ruleId: 'operation-2xx-response',
    pointer: `#/paths/${op}/responses`,
    why: 'answers a page, an image or a redirect for a person following a link in a message',
  })),
];

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

  it("passes Redocly's recommended rules with nothing left but the accepted warnings", async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: text, absoluteRef: '/openapi.json', config });
    const left = problems
      .map((p) => ({ ruleId: p.ruleId, severity: p.severity, pointer: p.location[0]?.pointer, message: p.message }))
      .filter((p) => !accepted.some((a) => a.ruleId === p.ruleId && a.pointer === p.pointer));
    expect(left).toEqual([]);
  });
});
