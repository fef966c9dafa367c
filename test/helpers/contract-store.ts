/** A store on a fresh database of one kind for a contract suite: opened before its tests, closed and dropped after. */
import { afterAll, beforeAll } from 'vitest';
import { Store } from '../../src/store/store.js';
import type { TestDatabase, TestDatabaseKind } from './databases.js';

/** Registers the hooks inside the calling `describe`; the returned function gives the open store. */
export function contractStore(kind: TestDatabaseKind): () => Store {
  let database: TestDatabase | undefined;
  let store: Store | undefined;
  beforeAll(async () => {
    database = await kind.create();
    store = await Store.open(database.url);
  });
  afterAll(async () => {
    await store?.close();
    await database?.cleanup();
  });
  return () => store!;
}
