import { describe, expect, it } from 'vitest';
import { createClient } from './client.js';
import { DaogouError } from './errors.js';
import { Http, withQuery } from './http.js';
import { MemoryStorage } from './storage.js';

interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  body: Record<string, unknown>;
}

/** A client whose requests are recorded and answered with an empty list (or `respond`). */
function setup(analytics = true, respond?: () => Promise<Response>) {
  const calls: Call[] = [];
  const client = createClient({
    baseUrl: 'http://daogou.test',
    apiKey: 'dg_pub_x',
    storage: new MemoryStorage(),
    consent: { analytics },
    fetch: async (input, init) => {
      const url = new URL(input);
      const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
      calls.push({ method: init.method ?? 'GET', path: url.pathname, query: url.searchParams, body });
      return respond ? respond() : Response.json({ recommendationId: 'r', model: null, items: [] });
    },
  });
  return { client, calls, last: () => calls.at(-1)! };
}

describe('recommendations', () => {
  it('forCustomer: the customer list when identified', async () => {
    const { client, last } = setup();
    await client.identify('C 1');
    await client.recommendations.forCustomer({ k: 5, excludeSeenDays: 7 });
    expect(last().path).toBe('/v1/recommendations/customers/C%201');
    // The visitor's anonymous id goes along: it gets them their price under a running price experiment.
    expect(Object.fromEntries(last().query)).toEqual({
      k: '5',
      excludeSeenDays: '7',
      anonymousId: client.visitor().anonymousId,
    });
  });

  it('forCustomer: a session list from recently viewed items for an anonymous visitor', async () => {
    const { client, last } = setup();
    client.view('A');
    client.view('B');
    client.view('A');
    await client.recommendations.forCustomer({ k: 4, categories: ['Home'], excludePurchased: true });
    expect(last()).toMatchObject({ method: 'POST', path: '/v1/recommendations/session' });
    expect(last().body).toEqual({
      itemIds: ['B', 'A'],
      anonymousId: client.visitor().anonymousId,
      k: 4,
      filters: { categories: ['Home'] },
    });
  });

  it('forCustomer: trending with nothing to go on, and without consent', async () => {
    const { client, last } = setup(false);
    client.view('A');
    await client.recommendations.forCustomer();
    expect(last().path).toBe('/v1/recommendations/trending');
  });

  it('maps list options to the query string: repeated lists and attr.<name>', async () => {
    const { client, last } = setup();
    await client.recommendations.similar('SKU/1', {
      k: 3,
      categories: ['女装', 'Home/Kitchen'],
      priceMin: 10,
      priceMax: 99.5,
      inStock: true,
      exclude: ['X'],
      diversity: 0.3,
      channel: 'app',
      attributes: { colour: 'red' },
    });
    expect(last().path).toBe('/v1/recommendations/items/SKU%2F1/similar');
    expect(last().query.getAll('category')).toEqual(['女装', 'Home/Kitchen']);
    expect(last().query.toString()).toContain('priceMax=99.5&inStock=true&exclude=X');
    expect(last().query.get('attr.colour')).toBe('red');
    await client.recommendations.boughtTogether('SKU-2');
    expect(last().path).toBe('/v1/recommendations/items/SKU-2/bought-together');
    expect(Object.fromEntries(last().query)).toEqual({ anonymousId: client.visitor().anonymousId });
  });

  it('session: sends boosts and pins as filters, keeps the newest 100 items, and falls back to trending', async () => {
    const { client, last } = setup(false);
    const ids = Array.from({ length: 120 }, (_, i) => `i${i}`);
    await client.recommendations.session(ids, {
      boosts: [{ factor: 2, brand: 'Acme' }],
      pins: [{ itemId: 'P', position: 0 }],
    });
    expect(last().body.itemIds).toEqual(ids.slice(20));
    expect(last().body.anonymousId).toBeUndefined();
    expect(last().body.filters).toEqual({
      boosts: [{ factor: 2, brand: 'Acme' }],
      pins: [{ itemId: 'P', position: 0 }],
    });
    await client.recommendations.session([]);
    expect(last().path).toBe('/v1/recommendations/trending');
  });
});

describe('search', () => {
  it('maps query, filters, facets, sort and paging', async () => {
    const { client, last } = setup(false);
    await client.search('red dress', {
      filters: {
        category: '女装',
        brand: ['A', 'B'],
        priceMax: 300,
        inStock: true,
        attributes: { color: ['red', 'blue'] },
      },
      facets: ['category', 'price'],
      sort: 'price_asc',
      page: 2,
      pageSize: 12,
      locale: 'en',
    });
    expect(last().path).toBe('/v1/search');
    const q = last().query;
    expect(q.get('q')).toBe('red dress');
    expect(q.getAll('category')).toEqual(['女装']);
    expect(q.getAll('brand')).toEqual(['A', 'B']);
    expect(q.getAll('attr.color')).toEqual(['red', 'blue']);
    expect(Object.fromEntries(q)).toMatchObject({
      priceMax: '300',
      inStock: 'true',
      facets: 'category,price',
      sort: 'price_asc',
      page: '2',
      pageSize: '12',
      locale: 'en',
    });
    await client.search('  ');
    expect(last().query.has('q')).toBe(false);
  });

  it('autocomplete asks for the prefix', async () => {
    const { client, last } = setup();
    await client.autocomplete('连衣', { queries: 3, items: 4 });
    expect(last().path).toBe('/v1/search/autocomplete');
    expect(Object.fromEntries(last().query)).toEqual({ q: '连衣', queries: '3', items: '4' });
  });
});

describe('errors', () => {
  const problem = {
    type: 'urn:daogou:problem:validation',
    title: 'Invalid input',
    status: 400,
    detail: 'k: expected integer',
    instance: '/v1/recommendations/trending',
    errors: [{ field: 'k', message: 'expected integer' }],
  };

  it('throws DaogouError carrying the problem+json', async () => {
    const { client } = setup(true, async () =>
      Response.json(problem, { status: 400, headers: { 'content-type': 'application/problem+json' } }),
    );
    const error = await client.recommendations.trending({ k: 1.5 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DaogouError);
    expect(error).toMatchObject({
      status: 400,
      title: 'Invalid input',
      detail: 'k: expected integer',
      errors: problem.errors,
    });
    expect((error as DaogouError).problem).toEqual(problem);
    expect((error as DaogouError).retryable).toBe(false);
  });

  it('maps a non-JSON error page and a network failure', async () => {
    const page = setup(
      true,
      async () => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
    );
    await expect(page.client.search('x')).rejects.toMatchObject({ status: 502, title: 'Bad Gateway', retryable: true });
    const down = setup(true, () => Promise.reject(new TypeError('fetch failed')));
    await expect(down.client.search('x')).rejects.toMatchObject({ status: 0, detail: 'fetch failed' });
  });

  it('lets aborts through unchanged', async () => {
    const http = new Http('http://x', 'k', (_url, init) => {
      init.signal?.throwIfAborted();
      return Promise.resolve(Response.json({}));
    });
    const controller = new AbortController();
    controller.abort();
    await expect(http.request('GET', '/', { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('withQuery leaves out undefined and repeats arrays', () => {
    expect(withQuery('/p', { a: undefined, b: ['1', '2'], c: false, d: 0 })).toBe('/p?b=1&b=2&c=false&d=0');
    expect(withQuery('/p', {})).toBe('/p');
  });
});
