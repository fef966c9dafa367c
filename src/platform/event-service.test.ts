import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sqliteKind, type TestDatabase } from '../../test/helpers/databases.js';
import { CustomerRepository } from '../store/repositories/customer-repository.js';
import { EventRepository } from '../store/repositories/event-repository.js';
import { Store } from '../store/store.js';
import { EventService } from './event-service.js';

const NOW = Date.UTC(2026, 0, 1);

describe('EventService: customers first seen', () => {
  let database: TestDatabase;
  let store: Store;
  let service: EventService;
  beforeAll(async () => {
    database = await sqliteKind().create();
    store = await Store.open(database.url);
    service = new EventService(store, () => NOW, { strictItems: false, maxFutureSeconds: 300 });
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await store.close();
    await database.cleanup();
  });

  it('creates each customer once, and skips the insert for customers its committed batches stored', async () => {
    const ensure = vi.spyOn(CustomerRepository.prototype, 'ensureExist');
    await service.track([{ id: 'e1', type: 'view', customerId: 'c1', itemId: 'i1' }]);
    expect(await store.customers.get('c1')).toBeDefined();
    await service.track([
      { id: 'e2', type: 'view', customerId: 'c1', itemId: 'i1' },
      { id: 'e3', type: 'view', customerId: 'c2', itemId: 'i1' },
    ]);
    expect([...ensure.mock.calls.at(-1)![0].keys()]).toEqual(['c2']);
    expect(await store.customers.get('c2')).toBeDefined();
    ensure.mockRestore();
  });

  it('makes an erased customer’s row again once told to forget them', async () => {
    expect(await store.customers.delete('c1')).toBe(true);
    service.forgetCustomer('c1');
    await service.track([{ id: 'e4', type: 'view', customerId: 'c1', itemId: 'i1' }]);
    expect(await store.customers.get('c1')).toBeDefined();
  });

  it('remembers nothing of a batch whose transaction failed', async () => {
    // Every try fails: the group committer tries a failed group's batches again one by one.
    const insert = vi.spyOn(EventRepository.prototype, 'insertMany').mockRejectedValue(new Error('boom'));
    await expect(service.track([{ id: 'e5', type: 'view', customerId: 'c3', itemId: 'i1' }])).rejects.toThrow('boom');
    insert.mockRestore();
    expect(await store.customers.get('c3')).toBeUndefined();
    const ensure = vi.spyOn(CustomerRepository.prototype, 'ensureExist');
    await service.track([{ id: 'e6', type: 'view', customerId: 'c3', itemId: 'i1' }]);
    expect([...ensure.mock.calls.at(-1)![0].keys()]).toEqual(['c3']);
    expect(await store.customers.get('c3')).toBeDefined();
    ensure.mockRestore();
  });
});
