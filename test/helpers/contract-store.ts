/** A store on a fresh database of one kind for a contract suite: opened before its tests, closed and dropped after. */
import { afterAll, beforeAll } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { closeTestStore, openTestStore, type TestDatabase, type TestDatabaseKind } from './databases.js';

/** Registers openTestStore/closeTestStore as the calling `describe`'s hooks; the returned function gives the open store. */
export function contractStore(kind: TestDatabaseKind): () => Store {
  let database: TestDatabase | undefined;
  let store: Store | undefined;
  beforeAll(async () => {
    ({ database, store } = await openTestStore(kind));
  });
  afterAll(() => closeTestStore(store, database));
  return () => store!;
}
