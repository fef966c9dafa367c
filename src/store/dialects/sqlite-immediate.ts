/**
 * SQLite transactions that take the write lock when they begin, without waiting on the thread. Two
 * connections write to one file when the server's job worker runs on its own thread (or in another
 * process). A deferred transaction that read first and then wrote after the other connection committed
 * failed at once ("database is locked", SQLITE_BUSY_SNAPSHOT: no wait can help it), so transactions begin
 * IMMEDIATE. And better-sqlite3 waits for a lock synchronously, which froze every request on the thread for
 * as long as the other connection's transaction lasted: the begin therefore does not wait at all, and
 * the store retries it after a timer (see Store.transaction), leaving the thread free meanwhile.
 */
import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type SqliteDialectConfig } from 'kysely';

/** Thrown when a transaction could not begin because another connection holds the write lock. */
export class WriteLockBusyError extends Error {
  constructor(cause: unknown) {
    super('database is locked: another connection is writing', { cause });
  }
}

/** The busy timeout statements outside a transaction keep, ms (they still wait synchronously). */
export const SQLITE_BUSY_TIMEOUT_MS = 10_000;

/** Whether SQLite refused a statement because another connection holds the lock it needs. */
export function isSqliteBusy(error: unknown): boolean {
  return (error as { code?: string } | null)?.code?.startsWith('SQLITE_BUSY') ?? false;
}

/**
 * Runs one statement without waiting for a lock (busy timeout 0 for its duration, restored after), so
 * better-sqlite3 never blocks the thread on it; a busy refusal surfaces at once.
 */
export async function executeWithoutWaiting(
  connection: { executeQuery(query: CompiledQuery): Promise<unknown> },
  statement: string,
): Promise<void> {
  await connection.executeQuery(CompiledQuery.raw('pragma busy_timeout = 0'));
  try {
    await connection.executeQuery(CompiledQuery.raw(statement));
  } finally {
    await connection.executeQuery(CompiledQuery.raw(`pragma busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`));
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await executeWithoutWaiting(connection, 'begin immediate');
    } catch (error) {
      if (isSqliteBusy(error)) throw new WriteLockBusyError(error);
      throw error;
    }
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await super.rollbackTransaction(connection);
    } catch (error) {
      // After a failed write (disk full, I/O error) SQLite has already rolled the transaction back itself;
      // the rollback's own "no transaction is active" would otherwise replace the error that says why.
      if (error instanceof Error && error.message.includes('no transaction is active')) return;
      throw error;
    }
  }
}

/** Kysely's SQLite dialect with {@link ImmediateSqliteDriver}'s transactions. */
export class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly settings: SqliteDialectConfig) {
    super(settings);
  }

  override createDriver(): SqliteDriver {
    return new ImmediateSqliteDriver(this.settings);
  }
}

/**
 * Runs `attempt` again while it fails to begin because another connection holds SQLite's write lock
 * (nothing of it ran), waiting 2 ms, then longer up to 50 ms, between tries; gives up after the busy timeout.
 */
export async function retryWhileLocked<T>(attempt: () => Promise<T>): Promise<T> {
  const deadline = performance.now() + SQLITE_BUSY_TIMEOUT_MS;
  for (let wait = 2; ; wait = Math.min(wait * 2, 50)) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof WriteLockBusyError) || performance.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
