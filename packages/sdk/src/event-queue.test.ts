import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DaogouError } from './errors.js';
import { EventQueue, backoffDelay, type DeliveryFailure, type EventQueueOptions, type Outbox } from './event-queue.js';
import type { EventInput } from './types.js';

const event = (n: number): EventInput => ({ id: `e${n}`, type: 'view', itemId: `i${n}`, anonymousId: 'a' });
const problem = (status: number, errors?: { index?: number; field: string; message: string }[]) =>
  new DaogouError({ type: 'urn:test', title: 'Failed', status, detail: 'failed', ...(errors ? { errors } : {}) });

/** A queue whose sends are recorded and answered by `answer` (throw to fail), with a recorded sleep. */
function setup(
  answer: (events: EventInput[], call: number) => void = () => {},
  overrides: Partial<EventQueueOptions> = {},
) {
  const sent: { events: EventInput[]; keepalive: boolean }[] = [];
  const failures: { error: DaogouError; failure: DeliveryFailure }[] = [];
  const sleeps: number[] = [];
  const queue = new EventQueue({
    send: async (events, keepalive) => {
      sent.push({ events, keepalive });
      answer(events, sent.length);
    },
    batchSize: 3,
    flushIntervalMs: 1000,
    maxRetries: 3,
    maxQueueSize: 10,
    onError: (error, failure) => failures.push({ error, failure }),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 1,
    ...overrides,
  });
  return { queue, sent, failures, sleeps };
}

class MemoryOutbox implements Outbox {
  events: EventInput[] = [];
  load = () => [...this.events];
  save = (events: readonly EventInput[]) => void this.events.push(...events);
  remove = (ids: ReadonlySet<string>) => void (this.events = this.events.filter((e) => !ids.has(e.id!)));
}

describe('EventQueue', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends a full batch at once and the rest after the flush interval', async () => {
    const { queue, sent } = setup();
    queue.enqueue(event(1), event(2));
    expect(sent).toHaveLength(0);
    queue.enqueue(event(3));
    await vi.advanceTimersByTimeAsync(0);
    expect(sent.map((s) => s.events.map((e) => e.id))).toEqual([['e1', 'e2', 'e3']]);
    queue.enqueue(event(4));
    await vi.advanceTimersByTimeAsync(999);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent[1]!.events.map((e) => e.id)).toEqual(['e4']);
    expect(sent.every((s) => !s.keepalive)).toBe(true);
  });

  it('flush() sends everything in batches and resolves when done', async () => {
    const { queue, sent } = setup(undefined, { batchSize: 100 });
    for (let i = 0; i < 7; i++) queue.enqueue(event(i));
    await queue.flush();
    expect(sent.flatMap((s) => s.events)).toHaveLength(7);
    expect(queue.size).toBe(0);
  });

  it('retries network errors and 5xx with growing backoff, then delivers', async () => {
    const { queue, sent, sleeps, failures } = setup((_, call) => {
      if (call === 1) throw problem(0);
      if (call === 2) throw problem(503);
      if (call === 3) throw problem(429);
    });
    queue.enqueue(event(1));
    await queue.flush();
    expect(sent).toHaveLength(4);
    expect(sleeps).toEqual([500, 1000, 2000]);
    expect(failures).toHaveLength(0);
  });

  it('keeps the batch and reports it (not dropped) when the retries run out, and sends it later', async () => {
    let down = true;
    const { queue, sent, failures } = setup(() => {
      if (down) throw new TypeError('fetch failed');
    });
    queue.enqueue(event(1), event(2));
    await queue.flush();
    expect(sent).toHaveLength(4); // the first try and 3 retries
    expect(failures).toHaveLength(1);
    expect(failures[0]!.error.status).toBe(0);
    expect(failures[0]!.failure.dropped).toBe(false);
    expect(queue.size).toBe(2);
    down = false;
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent.at(-1)!.events.map((e) => e.id)).toEqual(['e1', 'e2']);
    expect(queue.size).toBe(0);
  });

  it('drops a batch the server refuses (4xx) and tells onError', async () => {
    const { queue, sent, failures, sleeps } = setup(() => {
      throw problem(403);
    });
    queue.enqueue(event(1), event(2));
    await queue.flush();
    expect(sent).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(failures[0]!.error.status).toBe(403);
    expect(failures[0]!.failure).toEqual({ events: [event(1), event(2)], dropped: true });
    expect(queue.size).toBe(0);
  });

  it('drops only the events a 400 names by index and resends the rest', async () => {
    const { queue, sent, failures } = setup((events) => {
      const bad = events.findIndex((e) => e.id === 'e2');
      if (bad >= 0) throw problem(400, [{ index: bad, field: 'itemId', message: 'is required' }]);
    });
    queue.enqueue(event(1), event(2), event(3));
    await queue.flush();
    expect(sent.map((s) => s.events.map((e) => e.id))).toEqual([
      ['e1', 'e2', 'e3'],
      ['e1', 'e3'],
    ]);
    expect(failures.map((f) => f.failure.events.map((e) => e.id))).toEqual([['e2']]);
  });

  it('drops the oldest events beyond maxQueueSize', async () => {
    const { queue, failures } = setup(undefined, { batchSize: 100, maxQueueSize: 3 });
    for (let i = 1; i <= 5; i++) queue.enqueue(event(i));
    expect(queue.size).toBe(3);
    expect(failures.flatMap((f) => f.failure.events.map((e) => e.id))).toEqual(['e1', 'e2']);
    queue.clear();
  });

  it('on page hide sends with keepalive, keeps a copy in the outbox until confirmed', async () => {
    const outbox = new MemoryOutbox();
    const { queue, sent } = setup(undefined, { outbox, batchSize: 2 });
    queue.enqueue(event(1));
    queue.flushOnHide();
    expect(outbox.events.map((e) => e.id)).toEqual(['e1']);
    expect(sent).toEqual([{ events: [event(1)], keepalive: true }]);
    await vi.advanceTimersByTimeAsync(0);
    expect(outbox.events).toEqual([]);
  });

  it('restores events a previous page left in the outbox', async () => {
    const outbox = new MemoryOutbox();
    outbox.events = [event(7), event(8)];
    const { queue, sent } = setup(undefined, { outbox });
    queue.restore();
    expect(outbox.events).toEqual([]);
    await queue.flush();
    expect(sent[0]!.events.map((e) => e.id)).toEqual(['e7', 'e8']);
  });

  it('re-queues keepalive batches that fail while the page is still alive', async () => {
    let calls = 0;
    const { queue, sent } = setup(() => {
      if (++calls === 1) throw problem(0);
    });
    queue.enqueue(event(1));
    queue.flushOnHide();
    await vi.advanceTimersByTimeAsync(0);
    expect(queue.size).toBe(1);
    await queue.flush();
    expect(sent.map((s) => s.keepalive)).toEqual([true, false]);
  });
});

describe('backoffDelay', () => {
  it('doubles up to 30 s with jitter between half and the whole step', () => {
    expect(backoffDelay(0, () => 0)).toBe(250);
    expect(backoffDelay(0, () => 1)).toBe(500);
    expect(backoffDelay(3, () => 1)).toBe(4000);
    expect(backoffDelay(20, () => 1)).toBe(30_000);
    for (let attempt = 0; attempt < 8; attempt++) {
      const d = backoffDelay(attempt);
      expect(d).toBeGreaterThanOrEqual(Math.min(30_000, 500 * 2 ** attempt) / 2);
      expect(d).toBeLessThanOrEqual(Math.min(30_000, 500 * 2 ** attempt));
    }
  });
});
