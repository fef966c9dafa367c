/** /v1/keys: API keys for the console — list (never secrets or hashes), create (plaintext shown once), revoke. */
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { NotFoundError, toIso } from '../../domain/index.js';
import type { Engine } from '../../engine/engine.js';
import { KEY_SCOPES } from '../../platform/index.js';
import type { ApiKeyRecord } from '../../store/repositories/api-key-repository.js';
import { ProblemSchema, errorResponses } from './common-schemas.js';

const nullableTime = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);
const ScopeSchema = Type.Union(
  KEY_SCOPES.map((s) => Type.Literal(s)),
  { description: 'admin: everything; ingest: write and read data; public: a browser key (track, read)' },
);

const KeySchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  scope: Type.String(),
  prefix: Type.String({ description: 'the first characters of the key, to recognise it by' }),
  createdAt: Type.String({ format: 'date-time' }),
  lastUsedAt: { ...nullableTime, description: 'approximate: recorded at most every 10 s per process' },
  revokedAt: nullableTime,
  current: Type.Boolean({ description: 'whether this is the key making the request' }),
});

/** The API view of a key record; the hash never leaves the store. */
function keyView(k: ApiKeyRecord, currentId: string | undefined): Static<typeof KeySchema> {
  return {
    id: k.id,
    name: k.name,
    scope: k.scope,
    prefix: k.prefix,
    createdAt: toIso(k.createdAt),
    lastUsedAt: k.lastUsedAt === null ? null : toIso(k.lastUsedAt),
    revokedAt: k.revokedAt === null ? null : toIso(k.revokedAt),
    current: k.id === currentId,
  };
}

/** Key management routes. */
export const keyRoutes =
  (engine: Engine): FastifyPluginAsyncTypebox =>
  async (app) => {
    const config = { permission: 'admin' as const };
    const tags = ['keys'];

    app.get(
      '/v1/keys',
      {
        config,
        schema: {
          operationId: 'listKeys',
          tags,
          summary: 'API keys, newest first (never their secrets)',
          response: { 200: Type.Object({ keys: Type.Array(KeySchema) }), ...errorResponses },
        },
      },
      async (request) => ({ keys: (await engine.keys.list()).map((k) => keyView(k, request.apiKey?.id)) }),
    );

    app.post(
      '/v1/keys',
      {
        config,
        schema: {
          operationId: 'createKey',
          tags,
          summary: 'Create a key; its plaintext is in this response only',
          body: Type.Object(
            { name: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }), scope: ScopeSchema },
            { additionalProperties: false },
          ),
          response: {
            201: Type.Composite([
              KeySchema,
              Type.Object({ key: Type.String({ description: 'the key itself: store it now, it is not kept' }) }),
            ]),
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        const { key, record } = await engine.keys.create(request.body.name, request.body.scope);
        return reply.status(201).send({ ...keyView(record, request.apiKey?.id), key });
      },
    );

    app.delete(
      '/v1/keys/:id',
      {
        config,
        schema: {
          operationId: 'revokeKey',
          tags,
          summary: 'Revoke a key (by id or prefix); takes effect within 10 s in every process',
          description: 'The key making the request cannot revoke itself (409), so an administrator cannot lock out.',
          params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 128 }) }),
          response: { 200: KeySchema, 404: ProblemSchema, 409: ProblemSchema, ...errorResponses },
        },
      },
      async (request) => {
        const { id } = request.params;
        const current = request.apiKey?.id;
        await engine.keys.revoke(id, current !== undefined ? { keep: current } : {});
        const revoked = (await engine.keys.list()).find((k) => k.id === id || k.prefix === id);
        if (!revoked) throw new NotFoundError(`no key with id or prefix "${id}"`);
        return keyView(revoked, current);
      },
    );
  };
