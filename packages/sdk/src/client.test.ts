import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClient, type ClientOptions } from './client.js';
import { DaogouError } from './errors.js';
import { MemoryStorage } from './storage.js';
import type { EventInput } from './types.js';

interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: Record<string, unknown>;
  keepalive: boolean;
}

const json = (status: number, body: unknown, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });

/** A client over a fake server that records every request; `answer` may override a response. */
function setup(overrides: Partial<ClientOptions> = {}, answer?: (call: Call) => Response | undefined) {
  const calls: Call[] = [];
  let time = Date.UTC(2026, 0, 1);
  const storage = new MemoryStorage();
  const fetch = async (input: string, init: RequestInit) => {
    const url = new URL(input);
    const call: Call = {
      method: init.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: init.headers as Record<string, string>,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      keepalive: init.keepalive === true,
    };
    calls.push(call);
    const custom = answer?.(call);
    if (custom) return custom;
    if (call.path === '/v1/events/batch') return json(202, { received: 1, stored: 1, duplicates: 0, ids: [] });
    if (call.path === '/v1/identities/merge')
      return json(200, {
        anonymousId: call.body.anonymousId,
        customerId: call.body.customerId,
        eventsAttributed: 2,
        eventId: 'ev-identify',
      });
    return json(200, { recommendationId: 'r1', model: null, items: [] });
  };
  const options: ClientOptions = {
    baseUrl: 'http://daogou.test/',
    apiKey: 'dg_pub_test',
    storage,
    fetch,
    now: () => time,
    consent: { analytics: true },
    ...overrides,
  };
  const client = createClient(options);
  const events = () => calls.filter((c) => c.path === '/v1/events/batch').flatMap((c) => c.body.events as EventInput[]);
  return { client, calls, events, storage, options, advance: (ms: number) => (time += ms) };
}

describe('createClient', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('fills in id, time, channel, session and anonymous id, and sends batches with the key', async () => {
    const { client, calls, events } = setup();
    const id = client.view('SKU-1', { properties: { list: 'home' } });
    client.addToCart('SKU-1', { price: 99 });
    await client.flush();
    expect(calls).toHaveLength(1);
    expect(calls[0]!.headers.authorization).toBe('Bearer dg_pub_test');
    expect(calls[0]!.path).toBe('/v1/events/batch');
    const [view, cart] = events();
    const visitor = client.visitor();
    expect(view).toEqual({
      id,
      type: 'view',
      itemId: 'SKU-1',
      timestamp: Date.UTC(2026, 0, 1),
      channel: 'web',
      anonymousId: visitor.anonymousId,
      sessionId: visitor.sessionId,
      properties: { list: 'home' },
    });
    expect(cart).toMatchObject({ type: 'add_to_cart', quantity: 1, price: 99 });
    expect(new Set([view!.id, cart!.id]).size).toBe(2);
  });

  it('tracks one purchase event per order line, each with the order id', async () => {
    const { client, events } = setup();
    const ids = client.purchase({
      orderId: 'o-1',
      currency: 'CNY',
      items: [
        { itemId: 'A', quantity: 2, price: 10, recommendationId: 'r1' },
        { itemId: 'B', price: 5 },
      ],
    });
    await client.flush();
    expect(ids).toHaveLength(2);
    expect(
      events().map(({ type, itemId, orderId, quantity, price, currency, recommendationId }) => ({
        type,
        itemId,
        orderId,
        quantity,
        price,
        currency,
        recommendationId,
      })),
    ).toEqual([
      {
        type: 'purchase',
        itemId: 'A',
        orderId: 'o-1',
        quantity: 2,
        price: 10,
        currency: 'CNY',
        recommendationId: 'r1',
      },
      {
        type: 'purchase',
        itemId: 'B',
        orderId: 'o-1',
        quantity: 1,
        price: 5,
        currency: 'CNY',
        recommendationId: undefined,
      },
    ]);
  });

  it('maps every helper to its event type', async () => {
    const { client, events } = setup();
    client.click('A', { recommendationId: 'r9' });
    client.removeFromCart('A');
    client.trackSearch('red dress');
    client.rate('A', 4);
    client.review('A', 'Lovely', { rating: 5 });
    client.wishlist('A');
    client.track('custom:newsletter_signup');
    await client.flush();
    expect(events().map((e) => [e.type, e.itemId, e.query ?? e.review ?? e.rating ?? e.recommendationId])).toEqual([
      ['click', 'A', 'r9'],
      ['remove_from_cart', 'A', undefined],
      ['search', undefined, 'red dress'],
      ['rating', 'A', 4],
      ['review', 'A', 'Lovely'],
      ['wishlist', 'A', undefined],
      ['custom:newsletter_signup', undefined, undefined],
    ]);
  });

  it('starts a new session after 30 minutes of inactivity', async () => {
    const { client, events, advance } = setup();
    client.view('A');
    advance(10 * 60_000);
    client.view('B');
    advance(31 * 60_000);
    client.view('C');
    await client.flush();
    const [a, b, c] = events().map((e) => e.sessionId);
    expect(a).toBe(b);
    expect(c).not.toBe(b);
  });

  it('flushes on the interval and on batch size', async () => {
    const { client, calls } = setup({ flushIntervalMs: 2000, batchSize: 3 });
    client.view('A');
    await vi.advanceTimersByTimeAsync(1999);
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(1);
    client.view('B');
    client.view('C');
    client.view('D');
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(2);
    await client.close();
  });

  it('reports dropped events with the problem to onError', async () => {
    const onError = vi.fn();
    const { client } = setup({ onError }, (call) =>
      call.path === '/v1/events/batch'
        ? json(
            403,
            { type: 'urn:daogou:problem:forbidden', title: 'Forbidden', status: 403, detail: 'no' },
            'application/problem+json',
          )
        : undefined,
    );
    client.view('A');
    await client.flush();
    expect(onError).toHaveBeenCalledTimes(1);
    const [error, failure] = onError.mock.calls[0]!;
    expect(error).toBeInstanceOf(DaogouError);
    expect(error.status).toBe(403);
    expect(failure.dropped).toBe(true);
  });
});

describe('page hide', () => {
  afterEach(() => vi.unstubAllGlobals());

  /** Browser globals whose listeners the test can fire. */
  function fakePage() {
    const listeners = new Map<string, () => void>();
    const target = {
      addEventListener: (type: string, listener: () => void) => void listeners.set(type, listener),
      removeEventListener: (type: string) => void listeners.delete(type),
    };
    vi.stubGlobal('addEventListener', target.addEventListener);
    vi.stubGlobal('removeEventListener', target.removeEventListener);
    vi.stubGlobal('document', { ...target, visibilityState: 'hidden' });
    return listeners;
  }

  it('sends queued events with keepalive, keeping them in the outbox until the server confirms', async () => {
    const listeners = fakePage();
    const storage = new MemoryStorage();
    const sent: { keepalive: boolean; events: EventInput[] }[] = [];
    let confirm: () => void = () => {};
    const confirmed = new Promise<void>((resolve) => (confirm = resolve));
    const client = createClient({
      baseUrl: 'http://daogou.test',
      apiKey: 'k',
      storage,
      consent: { analytics: true },
      fetch: async (_url, init) => {
        sent.push({ keepalive: init.keepalive === true, events: JSON.parse(init.body as string).events });
        await confirmed;
        return Response.json({ received: 2, stored: 2, duplicates: 0, ids: [] }, { status: 202 });
      },
    });
    client.view('A');
    client.view('B');
    listeners.get('visibilitychange')!();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.keepalive).toBe(true);
    expect(sent[0]!.events.map((e) => e.itemId)).toEqual(['A', 'B']);
    // Saved before the response: a page that dies now leaves them to the next page load.
    const saved = JSON.parse(storage.getItem('daogou.outbox')!) as EventInput[];
    expect(saved.map((e) => e.itemId)).toEqual(['A', 'B']);
    confirm();
    await vi.waitFor(() => expect(storage.getItem('daogou.outbox')).toBeNull());
    await client.close();
    expect(listeners.size).toBe(0);
  });

  it('the next page load sends what a closed page left in the outbox', async () => {
    const first = setup();
    first.storage.setItem(
      'daogou.outbox',
      JSON.stringify([{ id: 'left-1', type: 'view', itemId: 'A', anonymousId: 'a' }]),
    );
    const next = setup({ storage: first.storage });
    await next.client.flush();
    expect(next.events().map((e) => e.id)).toEqual(['left-1']);
    expect(first.storage.getItem('daogou.outbox')).toBeNull();
  });
});

describe('consent', () => {
  it('by default tracks and stores nothing, and erases ids an earlier configuration stored', async () => {
    const earlier = setup();
    earlier.client.view('A');
    expect(earlier.storage.getItem('daogou.anonymousId')).not.toBeNull();
    await earlier.client.close();
    const { client, calls, storage } = setup({ consent: undefined, storage: earlier.storage });
    expect(client.view('A')).toBeNull();
    expect(client.purchase({ orderId: 'o', items: [{ itemId: 'A' }] })).toEqual([]);
    await client.flush();
    expect(calls).toHaveLength(0);
    expect(client.visitor()).toEqual({ analytics: false, anonymousId: null, customerId: null, sessionId: null });
    expect(storage.getItem('daogou.anonymousId')).toBeNull();
  });

  it('starts tracking when granted and remembers the choice on the next page', async () => {
    const first = setup({ consent: undefined });
    first.client.consent({ analytics: true });
    first.client.view('A');
    await first.client.flush();
    expect(first.events()).toHaveLength(1);
    const next = createClient({ ...first.options, consent: { analytics: false } });
    expect(next.visitor().analytics).toBe(true);
    expect(next.visitor().anonymousId).toBe(first.client.visitor().anonymousId);
  });

  it('withdrawn: drops queued events, erases stored ids, and stays withdrawn on the next page', async () => {
    const { client, calls, storage, options } = setup();
    client.view('A');
    client.consent({ analytics: false });
    await client.flush();
    expect(calls).toHaveLength(0);
    for (const key of ['daogou.anonymousId', 'daogou.session', 'daogou.recentItems'])
      expect(storage.getItem(key)).toBeNull();
    expect(storage.getItem('daogou.consent')).toBe('denied');
    expect(createClient(options).visitor().analytics).toBe(false);
  });

  it('searches carry no visitor ids without consent', async () => {
    const { client, calls } = setup({ consent: undefined });
    await client.identify('C1');
    await client.search('dress');
    expect(calls.at(-1)!.query.has('customerId')).toBe(false);
    expect(calls.at(-1)!.query.has('anonymousId')).toBe(false);
    client.consent({ analytics: true });
    await client.search('dress');
    const query = calls.at(-1)!.query;
    expect(query.get('customerId')).toBe('C1');
    expect(query.get('anonymousId')).toBe(client.visitor().anonymousId);
    expect(query.get('sessionId')).toBe(client.visitor().sessionId);
  });
});

describe('identify and reset', () => {
  it('merges the anonymous id with the signature, then events carry the customer id and calls the token', async () => {
    const { client, calls, events } = setup();
    const anonymousId = client.visitor().anonymousId;
    const result = await client.identify('C1', { signature: 'abc123', signedAt: 42, token: 'v1.t' });
    expect(result).toEqual({ anonymousId, customerId: 'C1', eventsAttributed: 2, eventId: 'ev-identify' });
    expect(calls[0]!.path).toBe('/v1/identities/merge');
    expect(calls[0]!.body).toEqual({ anonymousId, customerId: 'C1', signature: 'abc123', signedAt: 42 });
    client.view('A');
    await client.flush();
    expect(events()[0]).toMatchObject({ customerId: 'C1', anonymousId });
    expect(calls.at(-1)!.headers['x-customer-token']).toBe('v1.t');
    await client.recommendations.forCustomer();
    expect(calls.at(-1)!.headers['x-customer-token']).toBe('v1.t');

    // Calling identify again on every page load sends nothing more.
    expect(await client.identify('C1')).toBeNull();
    expect(calls.filter((c) => c.path === '/v1/identities/merge')).toHaveLength(1);
    // A fresh token for the same customer replaces the old one; reset forgets it.
    await client.identify('C1', { token: 'v1.u' });
    await client.recommendations.trending();
    expect(calls.at(-1)!.headers['x-customer-token']).toBe('v1.u');
    client.reset();
    await client.recommendations.trending();
    expect(calls.at(-1)!.headers['x-customer-token']).toBeUndefined();
  });

  it('reads and changes the signed-in customer’s message preferences with their token', async () => {
    const { client, calls } = setup({}, (call) =>
      call.path.endsWith('/message-preferences') ? json(200, { email: false, sms: true, push: false }) : undefined,
    );
    expect(() => client.messaging.preferences()).toThrow(/signed-in customer/);
    await client.identify('C 1', { token: 'v1.t' });
    expect(await client.messaging.setPreferences({ email: false })).toEqual({ email: false, sms: true, push: false });
    expect(calls.at(-1)).toMatchObject({
      method: 'PUT',
      path: '/v1/customers/C%201/message-preferences',
      body: { email: false },
    });
    expect(calls.at(-1)!.headers['x-customer-token']).toBe('v1.t');
    await client.messaging.preferences();
    expect(calls.at(-1)).toMatchObject({ method: 'GET', path: '/v1/customers/C%201/message-preferences' });
  });

  it('sends no signature field when none is given', async () => {
    const { client, calls } = setup();
    await client.identify('C1');
    expect(Object.keys(calls[0]!.body as object).sort()).toEqual(['anonymousId', 'customerId']);
  });

  it('waits with the merge until consent is granted', async () => {
    const { client, calls } = setup({ consent: undefined });
    expect(await client.identify('C1', { signature: 's' })).toBeNull();
    expect(calls).toHaveLength(0);
    expect(client.visitor().customerId).toBe('C1');
    client.consent({ analytics: true });
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]!.body).toMatchObject({ customerId: 'C1', signature: 's' });
    expect(client.visitor().customerId).toBe('C1');
  });

  it('throws the problem when the merge is refused, and still attributes later events', async () => {
    const { client, events } = setup({}, (call) =>
      call.path === '/v1/identities/merge'
        ? json(403, { type: 'urn:daogou:problem:forbidden', title: 'Forbidden', status: 403, detail: 'needs ingest' })
        : undefined,
    );
    await expect(client.identify('C1')).rejects.toMatchObject({ name: 'DaogouError', status: 403 });
    client.view('A');
    await client.flush();
    expect(events()[0]!.customerId).toBe('C1');
  });

  it('reset() logs out: new anonymous id, no customer; another customer also gets a fresh id', async () => {
    const { client } = setup();
    const first = client.visitor().anonymousId;
    await client.identify('C1');
    client.reset();
    expect(client.visitor().customerId).toBeNull();
    const second = client.visitor().anonymousId;
    expect(second).not.toBe(first);
    await client.identify('C2');
    await client.identify('C3');
    expect(client.visitor().anonymousId).not.toBe(second);
  });
});
