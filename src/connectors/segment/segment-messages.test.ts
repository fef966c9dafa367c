import { describe, expect, it } from 'vitest';
import { translateSegmentMessages, type SegmentMessage } from './segment-messages.js';

// Payloads in the shapes of Segment's HTTP Tracking API and E-commerce Spec v2 documentation.
const batch: SegmentMessage[] = [
  {
    type: 'identify',
    userId: '97980cfea0067',
    anonymousId: '507f191e810c19729de860ea',
    traits: { name: 'Peter Gibbons', email: 'peter@example.com', plan: 'premium' },
    timestamp: '2026-11-02T10:00:00.000Z',
    messageId: 'msg-1',
  },
  {
    type: 'track',
    event: 'Product Viewed',
    anonymousId: '507f191e810c19729de860ea',
    properties: { product_id: '507f1f77bcf86cd799439011', sku: 'G-32', price: 18.99, currency: 'usd' },
    context: { library: { name: 'analytics.js', version: '2.11.1' }, page: { path: '/p/1' } },
    timestamp: '2026-11-02T10:01:00.000Z',
    messageId: 'msg-2',
  },
  {
    type: 'track',
    event: 'Order Completed',
    userId: '97980cfea0067',
    properties: {
      order_id: '50314b8e9bcf000000000000',
      total: 27.5,
      currency: 'USD',
      products: [
        { product_id: '507f1f77bcf86cd799439011', sku: '45790-32', price: 19, quantity: 1 },
        { product_id: '505bd76785ebb509fc183733', sku: '46493-32', price: 3, quantity: 2 },
      ],
    },
    context: { app: { name: 'Shop', version: '1.0' }, library: { name: 'analytics-ios' } },
    timestamp: '2026-11-02T10:05:00.000Z',
    messageId: 'msg-3',
  },
  { type: 'track', event: 'Products Searched', userId: '97980cfea0067', properties: { query: 'blue roses' } },
  { type: 'track', event: 'view_item', userId: 'u2', properties: { items: [], item_id: 'SKU-9' } },
  { type: 'track', event: 'Newsletter Signed Up', userId: 'u2', properties: { list: 'weekly' } },
  { type: 'track', event: 'Product Viewed', userId: 'u2', properties: {} },
  { type: 'group', userId: 'u2', traits: { name: 'ACME' } },
  { type: 'alias', userId: 'u3', previousId: 'anon-3' },
  { type: 'page', anonymousId: 'anon-4', name: 'Home', properties: { path: '/' } },
  { type: 'track', event: 'Product Added' },
];

// GA4 e-commerce events in the shapes of Google's documentation (gtag/Measurement Protocol `items`), as
// RudderStack and GA4-style pipelines forward them.
const ga4: SegmentMessage[] = [
  {
    type: 'track',
    event: 'view_item',
    anonymousId: 'ga-anon',
    properties: {
      currency: 'USD',
      value: 30.03,
      items: [{ item_id: 'SKU_12345', item_name: 'Stan and Friends Tee', price: 10.01, quantity: 3 }],
    },
    messageId: 'ga-1',
  },
  {
    type: 'track',
    event: 'add_to_cart',
    anonymousId: 'ga-anon',
    properties: { currency: 'USD', value: 10.01, items: [{ item_id: 'SKU_12345', price: 10.01, quantity: 1 }] },
    messageId: 'ga-2',
  },
  {
    type: 'track',
    event: 'purchase',
    userId: 'ga-user',
    properties: {
      transaction_id: 'T_12345',
      currency: 'USD',
      value: 72.05,
      items: [
        { item_id: 'SKU_12345', price: 10.01, quantity: 3 },
        { item_id: 'SKU_12346', price: 21.01, quantity: 2 },
      ],
    },
    messageId: 'ga-3',
  },
  { type: 'track', event: 'search', userId: 'ga-user', properties: { search_term: 't-shirts' }, messageId: 'ga-4' },
  { type: 'track', event: 'select_item', userId: 'ga-user', properties: { items: [{ item_id: 'SKU_12346' }] } },
  { type: 'track', event: 'add_to_wishlist', userId: 'ga-user', properties: { items: [{ item_id: 'SKU_12346' }] } },
  { type: 'track', event: 'begin_checkout', userId: 'ga-user', properties: { value: 72.05 } },
];

describe('GA4 e-commerce events', () => {
  const out = translateSegmentMessages(ga4);

  it('maps the names and reads the product from `items`', () => {
    expect(out.skipped).toEqual([]);
    expect(out.events.map((e) => [e.type, e.itemId ?? null])).toEqual([
      ['view', 'SKU_12345'],
      ['add_to_cart', 'SKU_12345'],
      ['purchase', 'SKU_12345'],
      ['purchase', 'SKU_12346'],
      ['search', null],
      ['click', 'SKU_12346'],
      ['wishlist', 'SKU_12346'],
      ['custom:begin_checkout', null],
    ]);
    expect(out.events[0]).toMatchObject({ id: 'ga-1:0', price: 10.01, quantity: 3, currency: 'USD' });
    expect(out.events[1]).toMatchObject({ id: 'ga-2:0', quantity: 1 });
    expect(out.events[3]).toMatchObject({ orderId: 'T_12345', price: 21.01, quantity: 2, customerId: 'ga-user' });
    expect(out.events[4]).toMatchObject({ query: 't-shirts' });
    expect(out.events[5]).not.toHaveProperty('quantity');
  });
});

describe('Segment messages', () => {
  const out = translateSegmentMessages(batch);

  it('turns identify into a customer with traits and a merge of the anonymous id', () => {
    expect(out.customers).toEqual([
      { id: '97980cfea0067', traits: { name: 'Peter Gibbons', email: 'peter@example.com', plan: 'premium' } },
    ]);
    expect(out.merges).toEqual([
      { anonymousId: '507f191e810c19729de860ea', customerId: '97980cfea0067' },
      { anonymousId: 'anon-3', customerId: 'u3' },
    ]);
  });

  it('maps E-commerce Spec v2 and GA4 names, one purchase per ordered product', () => {
    const byId = Object.fromEntries(out.events.map((e) => [e.id ?? `${e.type}:${e.itemId ?? ''}`, e]));
    expect(byId['msg-2']).toMatchObject({
      type: 'view',
      itemId: '507f1f77bcf86cd799439011',
      price: 18.99,
      currency: 'USD',
      channel: 'web',
    });
    expect(byId['msg-3:0']).toMatchObject({
      type: 'purchase',
      itemId: '507f1f77bcf86cd799439011',
      quantity: 1,
      price: 19,
      orderId: '50314b8e9bcf000000000000',
      channel: 'app',
    });
    expect(byId['msg-3:1']).toMatchObject({
      type: 'purchase',
      itemId: '505bd76785ebb509fc183733',
      quantity: 2,
      price: 3,
    });
    expect(out.events.find((e) => e.type === 'search')).toMatchObject({
      query: 'blue roses',
      customerId: '97980cfea0067',
    });
    expect(out.events.find((e) => e.customerId === 'u2' && e.type === 'view')).toMatchObject({ itemId: 'SKU-9' });
    expect(out.events.find((e) => e.type === 'custom:newsletter_signed_up')).toMatchObject({
      properties: { list: 'weekly' },
    });
    expect(out.events.find((e) => e.type === 'custom:page')).toMatchObject({
      anonymousId: 'anon-4',
      properties: { name: 'Home', path: '/' },
    });
  });

  it('skips, with the reason, what names no product or no one', () => {
    expect(out.skipped).toEqual([
      { index: 6, reason: '"Product Viewed" names no product (product_id, sku or item_id)' },
      { index: 7, reason: 'message type "group" carries no behaviour Daogou keeps' },
      { index: 10, reason: 'neither userId nor anonymousId' },
    ]);
  });
});
