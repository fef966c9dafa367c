/**
 * A PostgreSQL connection that breaks while the store holds it (the server stopped or failed over in the
 * middle of a transaction): the transaction fails with an error the server answers 503, the process goes
 * on, and the next transaction gets a new connection. node-postgres reports such a break as an 'error'
 * event on the client, which ends the process when nothing listens (seen when postgres-restart stopped
 * its server mid-transaction).
 */
import { sql } from 'kysely';
import pg from 'pg';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { contractStore } from '../../test/helpers/contract-store.js';
import { PG_URL, postgresKind } from '../../test/helpers/databases.js';
import { storageError } from './storage-errors.js';

const kind = await postgresKind();

describe.skipIf(!kind.available)('a PostgreSQL connection broken while checked out', () => {
  const store = contractStore(kind);

  it('fails that transaction as storage-unavailable and serves the next one', async () => {
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    let failure: unknown;
    try {
      await store().transaction(async (r) => {
        const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(r.db);
        // Ends this transaction's server process, as a stopping server does, while the store holds it idle.
        await admin.query('select pg_terminate_backend($1)', [rows[0]!.pid]);
        await sleep(300);
        await r.items.count();
      });
    } catch (error) {
      failure = error;
    } finally {
      await admin.end();
    }
    expect(failure).toBeDefined();
    expect(storageError(failure)?.status).toBe(503);
    expect(await store().items.count()).toBe(0);
  });
});
