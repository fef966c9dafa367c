/** Event rows survive the trip to the writing thread exactly, and say the same as normaliseEvent. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseEvent, type EventInput } from '../../domain/index.js';
import { EVENT_WIDTH, type EventRowBatch } from './import-batch.js';
import { EventRowBuilder, rowToEvent } from './import-rows.js';
import { fromWire, toWire } from './import-wire.js';

const NOW = Date.UTC(2026, 0, 1);
const text = fc.option(fc.string({ unit: 'grapheme' }), { nil: undefined });
const event: fc.Arbitrary<EventInput> = fc.record(
  {
    id: fc.string({ minLength: 1 }),
    type: fc.constantFrom('view', 'purchase', 'refund', 'search'),
    customerId: text,
    anonymousId: text,
    itemId: text,
    quantity: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: undefined }),
    price: fc.option(fc.double({ min: 0, max: 1e6, noNaN: true }), { nil: undefined }),
    query: text,
    channel: fc.constantFrom('web', 'app', 'store', 'social'),
    timestamp: fc.integer({ min: 0, max: NOW }),
    properties: fc.option(fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.boolean())), {
      nil: undefined,
    }),
  },
  { requiredKeys: ['id', 'type'] },
);

function build(events: readonly EventInput[], strict = false): EventRowBatch {
  const builder = new EventRowBuilder({ now: NOW, strict });
  events.forEach((e, i) => builder.add(e, { file: 'f.jsonl', line: i + 1 }));
  return builder.take(events.length, []);
}

describe('event rows', () => {
  it('hold what normaliseEvent makes of each event, and cross threads unchanged', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), (events) => {
        const batch = build(events);
        const [wire, transfer] = toWire(batch);
        // A real structured clone, moving the buffers as the worker does.
        const received = fromWire(structuredClone(wire, { transfer }));
        expect(received).toEqual(batch);
        const rows = (received as EventRowBatch).rows;
        expect(rows.length).toBe(events.length * EVENT_WIDTH);
        events.forEach((e, r) => expect(rowToEvent(rows, r)).toEqual(normaliseEvent(e, NOW)));
      }),
    );
  });

  it('name each customer once per import, at its earliest time in the batch it first appears in', () => {
    const builder = new EventRowBuilder({ now: NOW, strict: false });
    const source = { file: 'f', line: 1 };
    builder.add({ id: '1', type: 'view', customerId: 'a', itemId: 'i', timestamp: 50 }, source);
    builder.add({ id: '2', type: 'view', customerId: 'a', itemId: 'i', timestamp: 20 }, source);
    builder.add({ id: '3', type: 'view', anonymousId: 'x', itemId: 'i' }, source);
    const first = builder.take(3, []);
    expect([first.newCustomers, first.newCustomerTimes, first.anonymous]).toEqual([['a'], [20], [2]]);
    builder.add({ id: '4', type: 'view', customerId: 'a', itemId: 'i' }, source);
    builder.add({ id: '5', type: 'view', customerId: 'b', itemId: 'i', timestamp: 7 }, source);
    const second = builder.take(5, []);
    expect([second.newCustomers, second.newCustomerTimes, second.count]).toEqual([['b'], [7], 2]);
  });

  it('keep where each row came from in strict mode, when the writer may still reject it', () => {
    const input: EventInput = { id: '1', type: 'view', customerId: 'a', itemId: 'i' };
    const batch = build([input], true);
    expect(batch.origins).toEqual([{ file: 'f.jsonl', line: 1, value: input }]);
    expect(batch.newCustomers).toEqual([]);
  });
});
