/** The journey storage contract, run by store.test.ts on SQLite and PostgreSQL. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeTestStore,
  openTestStore,
  type TestDatabase,
  type TestDatabaseKind,
} from '../../test/helpers/databases.js';
import type { JourneyRunRecord } from './repositories/journey-run-repository.js';
import type { MessageRecord } from './repositories/journey-message-repository.js';
import type { Store } from './store.js';

const T0 = Date.UTC(2026, 0, 1);

function run(id: string, overrides: Partial<JourneyRunRecord> = {}): JourneyRunRecord {
  return {
    id,
    journeyId: 'j1',
    version: 1,
    customerId: 'c1',
    status: 'active',
    node: '0',
    wakeAt: T0,
    armed: null,
    waitingFor: null,
    holdout: false,
    trigger: { itemId: 'i1', 价格: 9.5 },
    enteredAt: T0,
    updatedAt: T0,
    exitReason: null,
    ...overrides,
  };
}

function message(id: string, overrides: Partial<MessageRecord> = {}): MessageRecord {
  return {
    id,
    runId: 'r1',
    journeyId: 'j1',
    node: '1',
    customerId: 'c1',
    channel: 'email',
    status: 'queued',
    reason: null,
    attempts: 0,
    nextAttemptAt: T0,
    payload: { subject: '你好' },
    createdAt: T0,
    sentAt: null,
    openedAt: null,
    clickedAt: null,
    ...overrides,
  };
}

/** Registers the journey storage tests for one backend. */
export function journeyStoreContract(kind: TestDatabaseKind): void {
  describe(`journey storage on ${kind.name}`, () => {
    let database: TestDatabase;
    let store: Store;

    beforeAll(async () => {
      ({ database, store } = await openTestStore(kind));
    });
    afterAll(() => closeTestStore(store, database));

    it('keeps every version of a journey', async () => {
      const j = {
        id: 'j1',
        name: '购物车',
        status: 'active' as const,
        version: 1,
        definition: { steps: [1] },
        createdAt: T0,
        updatedAt: T0,
      };
      await store.journeys.insert(j);
      await store.journeys.update({ ...j, version: 2, definition: { steps: [2] }, updatedAt: T0 + 1 }, true);
      await store.journeys.update(
        { ...j, version: 2, status: 'paused', definition: { steps: [2] }, updatedAt: T0 + 2 },
        false,
      );
      expect(await store.journeys.get('j1')).toMatchObject({
        version: 2,
        status: 'paused',
        definition: { steps: [2] },
      });
      expect(await store.journeys.version('j1', 1)).toEqual({ steps: [1] });
      expect((await store.journeys.getByName('购物车'))?.id).toBe('j1');
      expect((await store.journeys.list(['active'])).length).toBe(0);
    });

    it('finds due runs, presence and counts', async () => {
      await store.journeyRuns.insertMany([
        run('r1'),
        run('r2', { customerId: 'c2', wakeAt: T0 + 10_000, waitingFor: 'purchase' }),
        run('r3', { customerId: 'c3', status: 'exited', node: null, wakeAt: null, exitReason: 'event:purchase' }),
        run('r4', {
          customerId: 'c4',
          holdout: true,
          status: 'exited',
          node: null,
          wakeAt: null,
          exitReason: 'holdout',
        }),
      ]);
      expect((await store.journeyRuns.due(T0, 10)).map((r) => r.id)).toEqual(['r1']);
      expect((await store.journeyRuns.due(T0 + 10_000, 10)).map((r) => r.id)).toEqual(['r1', 'r2']);
      const presence = await store.journeyRuns.presence('j1', ['c1', 'c3', 'c9']);
      expect(Object.fromEntries(presence)).toEqual({ c1: 'active', c3: 'finished' });
      expect(await store.journeyRuns.get('r1')).toEqual(run('r1'));
      const counts = await store.journeyRuns.counts('j1');
      expect(counts).toEqual({
        entered: 4,
        active: 2,
        waiting: 1,
        holdout: 1,
        byReason: { 'event:purchase': 1, holdout: 1 },
      });
      await store.journeyRuns.updateMany([
        { ...run('r1'), status: 'completed', node: null, wakeAt: null, exitReason: 'completed' },
      ]);
      expect((await store.journeyRuns.activeFor(['c1', 'c2'])).map((r) => r.id)).toEqual(['r2']);
      await store.journeyRuns.countSteps('j1', new Map([['0', 3]]));
      await store.journeyRuns.countSteps(
        'j1',
        new Map([
          ['0', 2],
          ['1', 1],
        ]),
      );
      expect(Object.fromEntries(await store.journeyRuns.stepCounts('j1'))).toEqual({ '0': 5, '1': 1 });
    });

    it('queues a message once per id, leases due ones, and counts sends for caps', async () => {
      expect(await store.journeyMessages.insertMany([message('m1'), message('m2', { customerId: 'c2' })])).toBe(2);
      expect(await store.journeyMessages.insertMany([message('m1')])).toBe(0);
      // insertNew says which ids this insert stored (only those may be sent from memory).
      expect([
        ...(await store.journeyMessages.insertNew([message('m1'), message('m3', { customerId: 'c3' })])),
      ]).toEqual(['m3']);
      await store.journeyMessages.deleteForCustomer('c3');
      const claimed = await store.journeyMessages.claimDue(T0, T0 + 60_000, 10);
      expect(claimed.map((m) => m.id).sort()).toEqual(['m1', 'm2']);
      expect(await store.journeyMessages.claimDue(T0 + 1, T0 + 60_000, 10)).toEqual([]);
      // A lease that ran out (the sender died) makes the message claimable again.
      expect((await store.journeyMessages.claimDue(T0 + 60_000, T0 + 120_000, 10)).length).toBe(2);
      await store.journeyMessages.updateMany([
        { id: 'm1', status: 'sent', reason: null, attempts: 1, nextAttemptAt: null, sentAt: T0 + 5 },
      ]);
      expect(Object.fromEntries(await store.journeyMessages.sentCounts(['c1', 'c2'], 'email', T0))).toEqual({ c1: 1 });
      expect(await store.journeyMessages.track('m1', 'click', T0 + 9)).toBe(true);
      expect(await store.journeyMessages.track('nope', 'open', T0 + 9)).toBe(false);
      expect(await store.journeyMessages.get('m1')).toMatchObject({
        status: 'sent',
        openedAt: T0 + 9,
        clickedAt: T0 + 9,
        payload: { subject: '你好' },
      });
      const counts = await store.journeyMessages.counts('j1');
      expect(counts.find((c) => c.status === 'sent')).toEqual({
        node: '1',
        status: 'sent',
        n: 1,
        opened: 1,
        clicked: 1,
      });
    });

    it('keeps a suppression list case-insensitively', async () => {
      await store.journeyMessages.suppress('email', 'Bounce@Example.com', 'bounce', T0);
      await store.journeyMessages.suppress('email', 'bounce@example.com', 'complaint', T0);
      expect([...(await store.journeyMessages.suppressed('email', ['BOUNCE@example.com', 'ok@example.com']))]).toEqual([
        'bounce@example.com',
      ]);
      expect((await store.journeyMessages.suppressions(10))[0]).toMatchObject({ reason: 'bounce' });
    });

    it('forgets a customer’s runs and messages', async () => {
      expect(await store.journeyRuns.deleteForCustomer('c2')).toBe(1);
      expect(await store.journeyMessages.deleteForCustomer('c2')).toBe(1);
      expect(await store.journeyMessages.forCustomer('c2')).toEqual([]);
      expect(await store.journeyRuns.forCustomer('c2')).toEqual([]);
    });

    it('stores templates by id and name', async () => {
      await store.journeys.upsertTemplate({
        id: 't1',
        name: 'welcome',
        channel: 'email',
        content: { zh: { subject: '欢迎' } },
        createdAt: T0,
        updatedAt: T0,
      });
      expect((await store.journeys.template('welcome'))?.content).toEqual({ zh: { subject: '欢迎' } });
      expect((await store.journeys.templates()).length).toBe(1);
      expect(await store.journeys.deleteTemplate('t1')).toBe(true);
    });
  });
}
