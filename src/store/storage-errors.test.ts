import { describe, expect, it } from 'vitest';
import { StorageFullError, StorageUnavailableError } from '../domain/index.js';
import { storageError } from './storage-errors.js';

const coded = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('storageError', () => {
  it('names a database that is down or restarting unavailable (503)', () => {
    expect(storageError(coded('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'))).toBeInstanceOf(
      StorageUnavailableError,
    );
    expect(storageError(coded('terminating connection due to administrator command', '57P01'))).toBeInstanceOf(
      StorageUnavailableError,
    );
    expect(storageError(coded('the database system is starting up', '57P03'))?.status).toBe(503);
    expect(storageError(new Error('Connection terminated unexpectedly'))?.status).toBe(503);
  });

  it('names a full disk 507 and says nothing was stored', () => {
    const error = storageError(coded('database or disk is full', 'SQLITE_FULL'));
    expect(error).toBeInstanceOf(StorageFullError);
    expect(error?.message).toMatch(/nothing of it was stored/);
  });

  it('leaves other errors alone', () => {
    expect(storageError(coded('duplicate key value violates unique constraint', '23505'))).toBeUndefined();
    expect(storageError(new TypeError('x is undefined'))).toBeUndefined();
    expect(storageError('text')).toBeUndefined();
  });
});
