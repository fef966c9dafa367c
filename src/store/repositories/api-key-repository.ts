/** Stores API keys as hashes. */
import type { Kysely, Selectable } from 'kysely';
import type { ApiKeysTable, Database } from '../database.js';

/** A stored API key (never the key itself). */
export interface ApiKeyRecord {
  id: string;
  name: string;
  scope: string;
  keyHash: string;
  prefix: string;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

/** API key persistence. */
export class ApiKeyRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Stores a new key. */
  async insert(record: ApiKeyRecord): Promise<void> {
    await this.db
      .insertInto('api_keys')
      .values({
        id: record.id,
        name: record.name,
        scope: record.scope,
        key_hash: record.keyHash,
        prefix: record.prefix,
        created_at: record.createdAt,
        last_used_at: record.lastUsedAt,
        revoked_at: record.revokedAt,
      })
      .execute();
  }

  /** The key with this hash, if any (revoked or not). */
  async findByHash(keyHash: string): Promise<ApiKeyRecord | undefined> {
    const row = await this.db.selectFrom('api_keys').selectAll().where('key_hash', '=', keyHash).executeTakeFirst();
    return row && fromRow(row);
  }

  /** All keys, newest first. */
  async list(): Promise<ApiKeyRecord[]> {
    const rows = await this.db.selectFrom('api_keys').selectAll().orderBy('created_at', 'desc').execute();
    return rows.map(fromRow);
  }

  /** Marks a key revoked (by id or prefix); returns whether an active key matched. */
  async revoke(idOrPrefix: string, at: number): Promise<boolean> {
    const result = await this.db
      .updateTable('api_keys')
      .set({ revoked_at: at })
      .where((eb) => eb.or([eb('id', '=', idOrPrefix), eb('prefix', '=', idOrPrefix)]))
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Records when a key was last used. */
  async touch(id: string, at: number): Promise<void> {
    await this.db.updateTable('api_keys').set({ last_used_at: at }).where('id', '=', id).execute();
  }
}

function fromRow(row: Selectable<ApiKeysTable>): ApiKeyRecord {
  return {
    id: row.id,
    name: row.name,
    scope: row.scope,
    keyHash: row.key_hash,
    prefix: row.prefix,
    createdAt: Number(row.created_at),
    lastUsedAt: row.last_used_at === null ? null : Number(row.last_used_at),
    revokedAt: row.revoked_at === null ? null : Number(row.revoked_at),
  };
}
