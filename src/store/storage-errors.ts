/**
 * Tells a driver's failure that is the database's condition (down, restarting, disk full) from a bug,
 * so the edges can answer 503 or 507 with a clear message instead of a bare 500. Both dialects' codes
 * live here, beside each other.
 */
import { StorageFullError, StorageUnavailableError, type DaogouError } from '../domain/index.js';

// Socket errors of a connection that never opened or broke.
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);
// SQLSTATEs of a server shutting down, starting up or out of connections.
const SERVER_CODES = new Set(['57P01', '57P02', '57P03', '53300', '58030']);
// node-postgres says these in words only.
const DRIVER_MESSAGES = [
  'connection terminated',
  'timeout exceeded when trying to connect',
  'client has encountered a connection error',
  'cannot use a pool after calling end',
];
// SQLite codes of a disk that is full or refuses to grow the file.
const FULL_CODES = new Set(['SQLITE_FULL', 'SQLITE_IOERR_WRITE', 'SQLITE_IOERR_FSYNC', 'SQLITE_IOERR_TRUNCATE']);

/** The typed error for a database condition, or undefined when `error` is something else. */
export function storageError(error: unknown): DaogouError | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (FULL_CODES.has(code) || code === 'SQLITE_IOERR' || code === '53100')
      return new StorageFullError(
        `the database could not write (${code}: ${error.message}); free disk space and send the request again — nothing of it was stored`,
      );
    if (NETWORK_CODES.has(code) || SERVER_CODES.has(code) || code.startsWith('08'))
      return new StorageUnavailableError(
        `the database is unreachable or restarting (${code}); send the request again shortly`,
      );
  }
  const message = error.message.toLowerCase();
  if (DRIVER_MESSAGES.some((m) => message.includes(m)))
    return new StorageUnavailableError(
      `the database connection failed (${error.message}); send the request again shortly`,
    );
  return undefined;
}
