/** A real engine on a real database plus the Fastify app, with one key of each scope, for HTTP tests. */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../src/config/config.js';
import { testConfig } from './test-time.js';
import { createEngine, type Engine } from '../../src/engine/engine.js';
import type { Clock } from '../../src/platform/clock.js';
import { buildApp } from '../../src/server/app.js';
import type { TestDatabaseKind } from './databases.js';

/** What an HTTP test works with. */
export interface TestServer {
  engine: Engine;
  app: FastifyInstance;
  keys: { admin: string; ingest: string; public: string };
  close(): Promise<void>;
}

/** Starts an engine and app on a fresh database of the given kind. */
export async function startTestServer(
  kind: TestDatabaseKind,
  overrides: Partial<Config> = {},
  clock?: Clock,
): Promise<TestServer> {
  const database = await kind.create();
  const config: Config = testConfig({ databaseUrl: database.url, ...overrides });
  const engine = await createEngine(config, clock);
  const app = await buildApp(engine);
  const keys = {
    admin: (await engine.keys.create('test admin', 'admin')).key,
    ingest: (await engine.keys.create('test ingest', 'ingest')).key,
    public: (await engine.keys.create('test browser', 'public')).key,
  };
  return {
    engine,
    app,
    keys,
    async close() {
      await app.close();
      await engine.close();
      await database.cleanup();
    },
  };
}
