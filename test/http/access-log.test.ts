/** The access log: one line per request, with method, URL, status and time. */
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { sqliteKind } from '../helpers/databases.js';
import { startTestServer, type TestServer } from '../helpers/test-engine.js';

describe('access log', () => {
  let server: TestServer;
  let app: FastifyInstance;
  const lines: Record<string, unknown>[] = [];
  beforeAll(async () => {
    server = await startTestServer(sqliteKind());
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(JSON.parse(line));
        done();
      },
    });
    app = await buildApp(server.engine, { logger: { level: 'info', stream }, web: false });
  });
  afterAll(async () => {
    await app?.close();
    await server?.close();
  });

  it('writes one line per request, for answers and for errors alike', async () => {
    const authorization = `Bearer ${server.keys.public}`;
    expect((await app.inject({ url: '/v1/search?q=sink', headers: { authorization } })).statusCode).toBe(200);
    expect((await app.inject({ url: '/v1/search?pageSize=0', headers: { authorization } })).statusCode).toBe(400);
    expect((await app.inject({ url: '/v1/search?q=sink' })).statusCode).toBe(401);
    const requests = lines.filter((l) => typeof l.url === 'string');
    expect(requests.map((l) => [l.msg, l.method, l.url, l.statusCode])).toEqual([
      ['request completed', 'GET', '/v1/search?q=sink', 200],
      ['request completed', 'GET', '/v1/search?pageSize=0', 400],
      ['request completed', 'GET', '/v1/search?q=sink', 401],
    ]);
    for (const line of requests) expect(line.responseTime).toEqual(expect.any(Number));
    expect(lines.some((l) => l.msg === 'incoming request')).toBe(false);
  });
});
