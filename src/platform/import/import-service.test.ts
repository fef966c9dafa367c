/**
 * The import service on every backend, with records prepared on a worker thread and inline: the two
 * paths must store the same rows and report the same lines.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allDatabaseKinds, type TestDatabase } from '../../../test/helpers/databases.js';
import { loadConfig } from '../../config/config.js';
import { cdnow } from '../../datasets/adapters/cdnow.js';
import { readJsonl } from '../../datasets/read-jsonl.js';
import { readRecords } from '../../datasets/read-records.js';
import { ValidationError } from '../../domain/index.js';
import { createEngine, type Engine } from '../../engine/engine.js';
import type { ImportOptions } from './import-service.js';

const NOW = Date.UTC(2026, 5, 1);
const kinds = await allDatabaseKinds();
const lines = (...records: unknown[]) =>
  records.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n';

describe.each(kinds.flatMap((kind) => [true, false].map((thread) => ({ kind, thread }))))(
  'ImportService on $kind.name (worker thread: $thread)',
  ({ kind, thread }) => {
    let engine: Engine;
    let database: TestDatabase;
    let dir: string;
    const file = (name: string, text: string | Buffer) => {
      const p = path.join(dir, name);
      writeFileSync(p, text);
      return p;
    };
    const run = (sources: Parameters<Engine['imports']['import']>[0], options: ImportOptions = {}) =>
      engine.imports.import(sources, { thread, ...options });
    const counts = async () => ({
      items: await engine.store.items.count(),
      customers: await engine.store.customers.count(),
      events: await engine.store.events.count(),
    });

    beforeAll(async () => {
      if (!kind.available) return;
      database = await kind.create();
      engine = await createEngine({ ...loadConfig({}), databaseUrl: database.url, logLevel: 'warn' }, () => NOW);
      dir = mkdtempSync(path.join(os.tmpdir(), 'daogou-import-'));
    });
    afterAll(async () => {
      if (!kind.available) return;
      await engine.close();
      await database.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    it.skipIf(!kind.available)('stores items, customers and events as the API would', async () => {
      const items = file('items.csv', 'id,title,price,tags\nA-1,Dress,199,summer|red\nA-2,Kettle,25.5,\n');
      const customers = file('customers.jsonl', lines({ id: 'A-c1', traits: { city: 'Hangzhou' } }));
      const events = file(
        'events.jsonl.gz',
        gzipSync(
          lines(
            {
              id: 'A-e1',
              type: 'purchase',
              customerId: 'A-c1',
              itemId: 'A-1',
              price: 10,
              quantity: 3,
              timestamp: NOW - 5000,
            },
            '',
            { id: 'A-e2', type: 'view', customerId: 'A-c2', itemId: 'A-2', properties: { coupon: 'X' } },
            {
              id: 'A-e3',
              type: 'search',
              anonymousId: 'A-anon',
              query: 'red dress',
              channel: 'app',
              timestamp: NOW - 10,
            },
          ),
        ),
      );
      const progress: number[] = [];
      const result = await run(
        [readRecords(items, 'items'), readRecords(customers, 'customers'), readJsonl(events, 'events')],
        {
          onProgress: (n) => progress.push(n),
        },
      );
      expect(result).toMatchObject({
        read: 6,
        imported: { items: 2, customers: 1, events: 3 },
        duplicateEvents: 0,
        rejected: [],
      });
      expect(progress.at(-1)).toBe(6);
      expect(await engine.store.items.get('A-1')).toMatchObject({
        title: 'Dress',
        price: 199,
        tags: ['summer', 'red'],
      });
      const stored = await engine.store.events.getByIds(['A-e1', 'A-e2', 'A-e3']);
      const byId = Object.fromEntries(stored.map((e) => [e.id, e]));
      expect(byId['A-e1']).toMatchObject({
        quantity: 3,
        price: 10,
        revenue: 30,
        channel: 'web',
        timestamp: NOW - 5000,
        receivedAt: NOW,
        properties: {},
      });
      expect(byId['A-e2']).toMatchObject({
        customerId: 'A-c2',
        quantity: null,
        timestamp: NOW,
        properties: { coupon: 'X' },
      });
      expect(byId['A-e3']).toMatchObject({
        customerId: null,
        anonymousId: 'A-anon',
        query: 'red dress',
        channel: 'app',
      });
      // A customer first seen in an event exists afterwards, created at that event's time.
      expect(await engine.store.customers.get('A-c2')).toMatchObject({ createdAt: NOW });
    });

    it.skipIf(!kind.available)('stops at the first invalid line and leaves the store unchanged', async () => {
      const before = await counts();
      const items = file('b-items.jsonl', lines({ id: 'B-1', title: 'Lamp' }));
      const events = file(
        'b-events.jsonl',
        lines(
          { id: 'B-e1', type: 'view', customerId: 'B-c1', itemId: 'B-1' },
          { id: 'B-e2', type: 'view', customerId: 'B-c1', itemId: 'B-1', quantity: -1 },
          'not json',
        ),
      );
      const failure = run([readRecords(items, 'items'), readRecords(events, 'events')], { batchSize: 1 });
      await expect(failure).rejects.toThrow(ValidationError);
      await expect(failure).rejects.toThrow(/b-events\.jsonl line 2: quantity: .* — nothing was imported/);
      expect(await counts()).toEqual(before);

      const broken = file(
        'b-broken.jsonl',
        lines({ id: 'B-e3', type: 'view', customerId: 'B-c1', itemId: 'B-1' }, '{"id": "B-e4", "ty'),
      );
      await expect(run(readJsonl(broken, 'events'))).rejects.toThrow(/line 2: \(line\): not valid JSON/);
      expect(await counts()).toEqual(before);
    });

    it.skipIf(!kind.available)(
      'with skipInvalid imports the valid records and reports the others in order',
      async () => {
        const events = file(
          'c-events.jsonl',
          lines(
            { id: 'C-e1', type: 'view', customerId: 'C-c1', itemId: 'C-1' },
            { id: 'C-e2', type: 'teleport', customerId: 'C-c1' },
            '[1,',
            { id: 'C-e3', type: 'view', customerId: 'C-c1', itemId: 'C-1', timestamp: '2999-01-01T00:00:00Z' },
            { id: 'C-e4', type: 'view', anonymousId: 'C-a', itemId: 'C-1' },
          ),
        );
        const result = await run(readJsonl(events, 'events'), { skipInvalid: true, batchSize: 2 });
        expect(result.imported.events).toBe(2);
        expect(result.rejected.map((r) => [r.line, r.kind, r.issues[0]!.field])).toEqual([
          [2, 'events', 'type'],
          [3, 'events', '(line)'],
          [4, 'events', 'timestamp'],
        ]);
        expect(result.rejected[0]!.value).toMatchObject({ id: 'C-e2' });
      },
    );

    it.skipIf(!kind.available)('in strict mode rejects events whose item is neither stored nor imported', async () => {
      const items = file('d-items.csv', 'id,title\nD-1,Cup\n');
      const events = file(
        'd-events.jsonl',
        lines(
          { id: 'D-e1', type: 'view', customerId: 'D-c1', itemId: 'D-1' },
          { id: 'D-e2', type: 'view', customerId: 'D-c2', itemId: 'D-404' },
          { id: 'D-e3', type: 'search', customerId: 'D-c3', query: 'cup' },
        ),
      );
      const sources = () => [readRecords(items, 'items'), readRecords(events, 'events')];
      await expect(run(sources(), { strict: true })).rejects.toThrow(
        /d-events\.jsonl line 2: itemId: unknown item "D-404"/,
      );
      const result = await run(sources(), { strict: true, skipInvalid: true });
      expect(result.imported.events).toBe(2);
      expect(result.rejected).toEqual([
        {
          file: events,
          line: 2,
          kind: 'events',
          issues: [{ field: 'itemId', message: 'unknown item "D-404" (strict mode)' }],
          value: { id: 'D-e2', type: 'view', customerId: 'D-c2', itemId: 'D-404' },
        },
      ]);
      // Only the customers of events that were kept are created.
      expect(await engine.store.customers.get('D-c2')).toBeUndefined();
      expect(await engine.store.customers.get('D-c3')).toBeDefined();
    });

    it.skipIf(!kind.available)(
      'is idempotent and files events of a merged anonymous id under its customer',
      async () => {
        await engine.identities.merge({ anonymousId: 'E-anon', customerId: 'E-c1' });
        const events = file(
          'e-events.jsonl',
          lines(
            { id: 'E-e1', type: 'view', anonymousId: 'E-anon', itemId: 'E-1' },
            { id: 'E-e2', type: 'view', anonymousId: 'E-other', itemId: 'E-1' },
          ),
        );
        expect(await run(readJsonl(events, 'events'))).toMatchObject({ imported: { events: 2 }, duplicateEvents: 0 });
        expect(await run(readJsonl(events, 'events'))).toMatchObject({ imported: { events: 0 }, duplicateEvents: 2 });
        const [linked, other] = await engine.store.events
          .getByIds(['E-e1', 'E-e2'])
          .then((es) => es.sort((a, b) => a.id.localeCompare(b.id)));
        expect(linked).toMatchObject({ customerId: 'E-c1', anonymousId: 'E-anon' });
        expect(other).toMatchObject({ customerId: null, anonymousId: 'E-other' });
      },
    );

    it.skipIf(!kind.available)('reads a public format through its adapter', async () => {
      const transactions = file(
        'CDNOW_master.txt',
        '00001 19970101 1 11.77\n00002 19970112 2 20.5\n00001 19970203 1 9\n',
      );
      const result = await run(cdnow.read({ transactions }, { idPrefix: 'F' }));
      expect(result).toMatchObject({ imported: { items: 1, customers: 2, events: 3 }, rejected: [] });
      const [event] = await engine.store.events.getByIds(['F-2']);
      expect(event).toMatchObject({ customerId: 'F-00002', itemId: 'F-cd', quantity: 2, revenue: 20.5 });
    });

    it.skipIf(!kind.available)('reports a file it cannot read', async () => {
      await expect(run(readJsonl(path.join(dir, 'missing.jsonl'), 'events'))).rejects.toThrow(/ENOENT/);
    });
  },
);
