/** API keys: created once (the plaintext is shown only then), stored as SHA-256 hashes, checked per request. */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError, ValidationError } from '../domain/index.js';
import type { ApiKeyRecord } from '../store/repositories/api-key-repository.js';
import type { Store } from '../store/store.js';
import type { Clock } from './clock.js';

/** What a key may do: everything; write data; or (browser) track events and read recommendations/search. */
export const KEY_SCOPES = ['admin', 'ingest', 'public'] as const;
/** A key scope. */
export type KeyScope = (typeof KEY_SCOPES)[number];

/** Permissions routes ask for. */
export type Permission = 'admin' | 'ingest' | 'track' | 'read';

const GRANTS: Record<KeyScope, ReadonlySet<Permission>> = {
  admin: new Set(['admin', 'ingest', 'track', 'read']),
  ingest: new Set(['ingest', 'track', 'read']),
  public: new Set(['track', 'read']),
};

const SCOPE_TAG: Record<KeyScope, string> = { admin: 'adm', ingest: 'ing', public: 'pub' };

/** Whether a scope grants a permission. */
export function scopeAllows(scope: KeyScope, permission: Permission): boolean {
  return GRANTS[scope].has(permission);
}

/** A newly created key: the only time its plaintext exists. */
export interface CreatedKey {
  key: string;
  record: ApiKeyRecord;
}

function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

// Keys are 192 random bits, so a fast hash is safe; a slow KDF would only cost latency on every request.
const CACHE_MS = 10_000;

/** The API key service. */
export class ApiKeyService {
  private readonly cache = new Map<string, { record: ApiKeyRecord | undefined; until: number }>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** Creates a key with a scope and a name. */
  async create(name: string, scope: string): Promise<CreatedKey> {
    if (!(KEY_SCOPES as readonly string[]).includes(scope)) {
      throw new ValidationError([{ field: 'scope', message: `must be one of ${KEY_SCOPES.join(', ')}` }]);
    }
    if (name.trim() === '') throw new ValidationError([{ field: 'name', message: 'must not be empty' }]);
    const key = `dg_${SCOPE_TAG[scope as KeyScope]}_${randomBytes(24).toString('base64url')}`;
    const record: ApiKeyRecord = {
      id: randomUUID(),
      name,
      scope,
      keyHash: hashKey(key),
      prefix: key.slice(0, 12),
      createdAt: this.clock(),
      lastUsedAt: null,
      revokedAt: null,
    };
    await this.store.apiKeys.insert(record);
    return { key, record };
  }

  /** The active key record for a presented key, or undefined (unknown or revoked). Cached briefly. */
  async verify(key: string): Promise<(ApiKeyRecord & { scope: KeyScope }) | undefined> {
    const hash = hashKey(key);
    const now = this.clock();
    let entry = this.cache.get(hash);
    if (!entry || entry.until < now) {
      entry = { record: await this.store.apiKeys.findByHash(hash), until: now + CACHE_MS };
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(hash, entry);
      // Best effort and not awaited: the stamp is approximate, and a request must not wait for (or fail on)
      // the write lock while the job thread's import holds it.
      const id = entry.record?.revokedAt === null ? entry.record.id : undefined;
      if (id !== undefined) void this.store.transaction((repos) => repos.apiKeys.touch(id, now)).catch(() => undefined);
    }
    const record = entry.record;
    if (!record || record.revokedAt !== null) return undefined;
    return record as ApiKeyRecord & { scope: KeyScope };
  }

  /**
   * Revokes a key by id or prefix. `keep` names a key that must stay active (the one making an HTTP
   * request), so an administrator cannot lock themselves out: revoking it is a conflict.
   */
  async revoke(idOrPrefix: string, options: { keep?: string } = {}): Promise<void> {
    if (options.keep !== undefined) {
      const matches = (await this.store.apiKeys.list()).filter(
        (k) => k.revokedAt === null && (k.id === idOrPrefix || k.prefix === idOrPrefix),
      );
      if (matches.some((k) => k.id === options.keep)) {
        throw new ConflictError('this is the key making the request; revoke it with another admin key');
      }
    }
    if (!(await this.store.apiKeys.revoke(idOrPrefix, this.clock()))) {
      throw new NotFoundError(`no active key with id or prefix "${idOrPrefix}"`);
    }
    this.cache.clear();
  }

  /** All keys (without secrets). */
  list(): Promise<ApiKeyRecord[]> {
    return this.store.apiKeys.list();
  }
}
