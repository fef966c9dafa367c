/** The assistant's in-memory catalogue: loaded once, kept current in the background, never rebuilt on a request. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteKind, type TestDatabase } from '../../../test/helpers/databases.js';
import { itemRecordFrom } from '../../platform/item-service.js';
import { Store } from '../../store/store.js';
import { AssistantCatalogue } from './assistant-catalogue.js';

const T0 = Date.UTC(2026, 0, 1);
const dress = (id: string, colour: string, now: number) =>
  itemRecordFrom(
    { id, title: `${colour}连衣裙`, category: '女装/连衣裙', price: 100, stock: 3, attributes: { color: colour } },
    now,
  );

describe('AssistantCatalogue', () => {
  let database: TestDatabase;
  let store: Store;

  beforeAll(async () => {
    database = await sqliteKind().create();
    store = await Store.open(database.url);
    await store.items.upsertMany([dress('d1', '红色', T0), dress('d2', '蓝色', T0)]);
  });
  afterAll(async () => {
    await store.close();
    await database.cleanup();
  });

  it('serves records and vocabulary from memory, and picks up changes in the background', async () => {
    let now = T0;
    const catalogue = new AssistantCatalogue(store, () => now);
    await catalogue.ready();
    expect(catalogue.records(['d2', 'nope', 'd1']).map((r) => r.id)).toEqual(['d2', 'd1']);
    const colours = async () =>
      (await catalogue.gazetteer())
        .scan('绿色')
        .filter((m) => m.kind === 'colour')
        .map((m) => m.value);
    expect(await colours()).toEqual([]);

    // A change in this process: the record at once, the vocabulary only after the rebuild interval.
    catalogue.itemsChanged([dress('d3', '绿色', now)]);
    expect(catalogue.records(['d3'])).toHaveLength(1);
    now += 5_000;
    expect(await colours()).toEqual([]);
    await catalogue.settle();
    now += 30_000;
    expect(await colours()).toEqual([]); // this request answers with what was there and starts the refresh
    await catalogue.settle();
    expect(await colours()).toEqual(['绿色']);

    // A change written by another process (no notification) is found by the poll.
    await store.items.upsertMany([dress('d4', '黄色', now + 1)]);
    now += 60_000;
    await catalogue.gazetteer();
    await catalogue.settle();
    expect(catalogue.records(['d4'])).toHaveLength(1);
  });

  it('builds the vocabulary at once when it knew no catalogue and items arrive', async () => {
    const empty = await sqliteKind().create();
    const other = await Store.open(empty.url);
    try {
      const catalogue = new AssistantCatalogue(other, () => T0);
      await catalogue.ready();
      catalogue.itemsChanged([dress('x1', '红色', T0)]);
      const found = (await catalogue.gazetteer()).scan('连衣裙').map((m) => m.value);
      expect(found).toEqual(['女装/连衣裙']);
    } finally {
      await other.close();
      await empty.cleanup();
    }
  });
});
