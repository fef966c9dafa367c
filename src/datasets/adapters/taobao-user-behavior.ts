/** Taobao UserBehavior rows (user,item,category,behavior,unix_ts; no header) → items, customers, events. */
import { readCsvRows } from '../csv-rows.js';
import { parseIssue, type ReadResult } from '../parse-issue.js';
import {
  describedAdapter,
  requirePath,
  type AdapterOptions,
  type AdapterPaths,
  type DatasetAdapter,
} from './dataset-adapter.js';

/** How Taobao behaviours map to our event types. */
export const TAOBAO_BEHAVIORS: Readonly<Record<string, string>> = {
  pv: 'view',
  cart: 'add_to_cart',
  fav: 'wishlist',
  buy: 'purchase',
};

const FIELDS = 5;

async function* read(paths: AdapterPaths, options: AdapterOptions = {}): AsyncGenerator<ReadResult> {
  const file = requirePath(taobaoUserBehavior, paths, 'behavior');
  const prefix = options.idPrefix ?? 'tb';
  const items = new Map<string, { category: string; line: number }>();
  const users = new Map<string, number>();
  for await (const row of readCsvRows(file)) {
    if ('error' in row || row.fields.length !== FIELDS) continue;
    const [user, item, category] = row.fields.map((f) => f.trim());
    if (item && !items.has(item)) items.set(item, { category: category ?? '', line: row.line });
    if (user && !users.has(user)) users.set(user, row.line);
  }
  for (const [item, { category, line }] of items) {
    // The data set is anonymised: ids are all there is, so the title repeats the id.
    const value = { id: `${prefix}-${item}`, title: `Item ${item}`, ...(category ? { category } : {}) };
    yield { kind: 'items', value, source: { file, line } };
  }
  items.clear();
  for (const [user, line] of users)
    yield { kind: 'customers', value: { id: `${prefix}-${user}` }, source: { file, line } };
  users.clear();
  for await (const row of readCsvRows(file)) {
    if ('error' in row || row.fields.length !== FIELDS) {
      const message = 'error' in row ? row.error : `row has ${row.fields.length} fields, expected ${FIELDS}`;
      yield parseIssue(file, row.line, message, 'events');
      continue;
    }
    const [user, item, , behavior, seconds] = row.fields.map((f) => f.trim()) as [
      string,
      string,
      string,
      string,
      string,
    ];
    const value = {
      id: `${prefix}-${row.line}`,
      // An unknown behaviour is passed on as written so validation names it.
      type: TAOBAO_BEHAVIORS[behavior] ?? behavior,
      customerId: `${prefix}-${user}`,
      itemId: `${prefix}-${item}`,
      channel: 'app',
      timestamp: /^\d+$/.test(seconds) ? Number(seconds) * 1000 : seconds,
    };
    yield { kind: 'events', value, source: { file, line: row.line } };
  }
}

/** Tianchi Taobao UserBehavior (the full set or a sample of it). */
export const taobaoUserBehavior: DatasetAdapter = describedAdapter({
  name: 'taobao-user-behavior',
  description:
    'Taobao UserBehavior: items with category = category_id, users as customers, pv/cart/fav/buy as view/add_to_cart/wishlist/purchase on the app channel',
  files: [
    {
      role: 'behavior',
      defaultName: 'UserBehavior.csv',
      description: 'no header: user_id,item_id,category_id,behavior (pv|cart|fav|buy),timestamp (Unix seconds)',
    },
  ],
  read,
});
