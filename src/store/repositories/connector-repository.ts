/** Stores store connections and their synchronisation state. */
import type { Kysely, Selectable } from 'kysely';
import type { ConnectorsTable, Database } from '../database.js';
import type { DialectAdapter } from '../dialects/dialect-adapter.js';
import { isSealed, openStored, sealForStore, type SecretBox } from '../secret-box.js';

/** The state of a connection's synchronisation, as the console shows it. */
export interface ConnectorSync {
  state: 'never' | 'queued' | 'running' | 'done' | 'failed';
  startedAt: number | null;
  finishedAt: number | null;
  /** Records read so far by kind (products, customers, orders, checkouts) and webhooks received. */
  counts: Record<string, number>;
  /** The kind being read now, for the progress line. */
  phase: string | null;
  /** Most recent errors first (sync failures, rejected webhooks), at most 20. */
  errors: { at: number; message: string }[];
}

/** A stored connection. */
export interface ConnectorRecord {
  id: string;
  platform: 'shopify' | 'woocommerce';
  name: string;
  baseUrl: string;
  credentials: Record<string, string>;
  webhookSecret: string;
  sync: ConnectorSync;
  createdAt: number;
  updatedAt: number;
}

/** Connector persistence. */
export class ConnectorRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly adapter: DialectAdapter,
    private readonly secrets: SecretBox | null = null,
  ) {}

  /** Stores a new connection. */
  async insert(record: ConnectorRecord): Promise<void> {
    await this.db.insertInto('connectors').values(toRow(record, this.secrets)).execute();
  }

  /** One connection. */
  async get(id: string): Promise<ConnectorRecord | undefined> {
    const row = await this.db.selectFrom('connectors').selectAll().where('id', '=', id).executeTakeFirst();
    return row && fromRow(row, this.secrets);
  }

  /** All connections, oldest first. */
  async list(): Promise<ConnectorRecord[]> {
    const rows = await this.db.selectFrom('connectors').selectAll().orderBy('created_at').orderBy('id').execute();
    return rows.map((r) => fromRow(r, this.secrets));
  }

  /** Replaces a connection's synchronisation state. */
  async setSync(id: string, sync: ConnectorSync, at: number): Promise<void> {
    await this.db
      .updateTable('connectors')
      .set({ sync: JSON.stringify(sync), updated_at: at })
      .where('id', '=', id)
      .execute();
  }

  /**
   * Changes a connection's synchronisation state from what is stored now, so that writers do not overwrite
   * each other (an import's progress and webhooks arriving meanwhile). Run it inside a transaction: the row
   * is locked on PostgreSQL, and SQLite's transactions take the write lock first. Returns the new state, or
   * undefined when the connection does not exist.
   */
  async updateSync(
    id: string,
    change: (current: ConnectorSync) => ConnectorSync,
    at: number,
  ): Promise<ConnectorSync | undefined> {
    let current = this.db.selectFrom('connectors').select('sync').where('id', '=', id);
    if (this.adapter.skipLocked) current = current.forUpdate();
    const row = await current.executeTakeFirst();
    if (!row) return undefined;
    const sync = change(JSON.parse(row.sync) as ConnectorSync);
    await this.setSync(id, sync, at);
    return sync;
  }

  /** Replaces a connection's name, address and credentials (its sync state is left as it is). */
  async updateSettings(
    record: Pick<ConnectorRecord, 'id' | 'name' | 'baseUrl' | 'credentials' | 'webhookSecret' | 'updatedAt'>,
  ): Promise<void> {
    await this.db
      .updateTable('connectors')
      .set({
        name: record.name,
        base_url: record.baseUrl,
        credentials: sealForStore(JSON.stringify(record.credentials), this.secrets),
        webhook_secret: sealForStore(record.webhookSecret, this.secrets),
        updated_at: record.updatedAt,
      })
      .where('id', '=', record.id)
      .execute();
  }

  /**
   * Seals the credentials and webhook secrets stored in plaintext (written before a key was set); returns how
   * many connections changed. Each row is replaced only if unchanged since read, so processes may race.
   */
  async sealPlaintext(): Promise<number> {
    if (!this.secrets) return 0;
    const rows = await this.db.selectFrom('connectors').select(['id', 'credentials', 'webhook_secret']).execute();
    let sealed = 0;
    for (const row of rows) {
      if (isSealed(row.credentials) && isSealed(row.webhook_secret)) continue;
      const result = await this.db
        .updateTable('connectors')
        .set({
          credentials: isSealed(row.credentials) ? row.credentials : this.secrets.seal(row.credentials),
          webhook_secret: isSealed(row.webhook_secret) ? row.webhook_secret : this.secrets.seal(row.webhook_secret),
        })
        .where('id', '=', row.id)
        .where('credentials', '=', row.credentials)
        .where('webhook_secret', '=', row.webhook_secret)
        .executeTakeFirst();
      sealed += Number(result.numUpdatedRows);
    }
    return sealed;
  }

  /** Removes a connection; returns whether it existed. */
  async delete(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('connectors').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}

function toRow(r: ConnectorRecord, secrets: SecretBox | null): ConnectorsTable {
  return {
    id: r.id,
    platform: r.platform,
    name: r.name,
    base_url: r.baseUrl,
    credentials: sealForStore(JSON.stringify(r.credentials), secrets),
    webhook_secret: sealForStore(r.webhookSecret, secrets),
    sync: JSON.stringify(r.sync),
    created_at: r.createdAt,
    updated_at: r.updatedAt,
  };
}

function fromRow(row: Selectable<ConnectorsTable>, secrets: SecretBox | null): ConnectorRecord {
  return {
    id: row.id,
    platform: row.platform as ConnectorRecord['platform'],
    name: row.name,
    baseUrl: row.base_url,
    credentials: JSON.parse(openStored(row.credentials, secrets)) as Record<string, string>,
    webhookSecret: openStored(row.webhook_secret, secrets),
    sync: JSON.parse(row.sync) as ConnectorSync,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}
