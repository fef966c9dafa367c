/** API key authentication: each route names the permission it needs; the key's scope must grant it. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ForbiddenError, UnauthorizedError } from '../../domain/index.js';
import { scopeAllows, type ApiKeyService, type KeyScope, type Permission } from '../../platform/index.js';

/** The key a request was authenticated with. */
export interface RequestKey {
  id: string;
  name: string;
  scope: KeyScope;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The permission this route needs; routes without one are open (health, docs, metrics). */
    permission?: Permission;
  }
  interface FastifyRequest {
    apiKey: RequestKey | null;
  }
}

/** Reads the key from `Authorization: Bearer …`, `Authorization: Basic <key>:` or `X-Api-Key`. */
export function presentedKey(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (match) return match[1];
    // Segment-style clients send the write key as the Basic user name with an empty password.
    const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header);
    return basic ? Buffer.from(basic[1]!, 'base64').toString('utf8').replace(/:.*$/s, '') || undefined : undefined;
  }
  const alt = request.headers['x-api-key'];
  return typeof alt === 'string' ? alt : undefined;
}

type VerifiedKey = Awaited<ReturnType<ApiKeyService['verify']>>;
const verifiedByRequest = new WeakMap<FastifyRequest, Promise<VerifiedKey>>();

/**
 * The record of the key a request presents (undefined when none or not valid), looked up once per
 * request: the rate limiter's bucket and the authentication both need it.
 */
export function verifiedKey(request: FastifyRequest, keys: ApiKeyService): Promise<VerifiedKey> {
  let found = verifiedByRequest.get(request);
  if (found === undefined) {
    const key = presentedKey(request);
    found = key === undefined ? Promise.resolve(undefined) : keys.verify(key);
    verifiedByRequest.set(request, found);
  }
  return found;
}

/** Installs authentication on every route that declares a permission. */
export function registerAuth(app: FastifyInstance, keys: ApiKeyService): void {
  app.decorateRequest('apiKey', null);
  const authenticate = async (request: FastifyRequest): Promise<void> => {
    const permission = request.routeOptions.config.permission;
    if (permission === undefined) return;
    const key = presentedKey(request);
    if (key === undefined) {
      throw new UnauthorizedError('an API key is required: send "Authorization: Bearer <key>"');
    }
    const record = await verifiedKey(request, keys);
    if (!record) throw new UnauthorizedError('the API key is not valid or has been revoked');
    if (!scopeAllows(record.scope, permission)) {
      const article = record.scope === 'public' ? 'a' : 'an';
      throw new ForbiddenError(`${article} ${record.scope} key may not do this (it needs ${permission} permission)`);
    }
    request.apiKey = { id: record.id, name: record.name, scope: record.scope };
  };
  // Per route, after the rate limiter's hook (registered before this), so that failed authentications
  // count against the caller's budget too: otherwise guessing keys would be free of any limit.
  app.addHook('onRoute', (route) => {
    const existing = route.onRequest;
    route.onRequest = [
      ...(existing === undefined ? [] : Array.isArray(existing) ? existing : [existing]),
      authenticate,
    ];
  });
}
