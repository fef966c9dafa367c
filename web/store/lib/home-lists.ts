/**
 * The home page's lists, all asked for at once (one round trip, not a chain) and then de-duplicated on the
 * page: trending leaves out what "for you" shows, department shelves leave out both. Lists are asked for a
 * little longer than shown so that enough items remain after de-duplication. A shop recommends only what it
 * can sell: every shelf asks for items in stock.
 */
import type { Recommendations } from '@daogou/sdk';
import { clientReady, flushFirst } from './client.js';
import { within } from './deferred.js';

/** Items per shelf. */
export const SHELF_SIZE = 12;
const ASKED = 24;
// A slow list must not hold the shelves that de-duplicate against it for long.
const WAIT_MS = 1200;

/** The home page's lists for one identity. */
export interface HomeLists {
  forYou: Promise<Recommendations>;
  trending: Promise<Recommendations>;
  /** A department's shelf; the first call starts the request. */
  department(path: string): Promise<Recommendations>;
}

const idsOf = (list: Recommendations) => list.items.map((r) => r.id);

function without(list: Recommendations, seen: readonly string[]): Recommendations {
  const skip = new Set(seen);
  return { ...list, items: list.items.filter((r) => !skip.has(r.id)).slice(0, SHELF_SIZE) };
}

/** Starts the lists; `identified` shoppers get personal department shelves, visitors what sells there. */
export function startHomeLists(identified: boolean): HomeLists {
  const forYou = clientReady.then(async (client) => {
    // The latest view or click must be stored before the personal list is computed from it.
    await flushFirst(client);
    return client.recommendations.forCustomer({ k: SHELF_SIZE, inStock: true });
  });
  const forYouIds = within(
    forYou.then(idsOf, () => []),
    WAIT_MS,
    [],
  );
  const trendingAll = clientReady.then((client) => client.recommendations.trending({ k: ASKED, inStock: true }));
  const trending = Promise.all([trendingAll, forYouIds]).then(([list, seen]) => without(list, seen));
  const shownAbove = Promise.all([
    forYouIds,
    within(
      trending.then(idsOf, () => []),
      WAIT_MS,
      [],
    ),
  ]).then(([a, b]) => [...a, ...b]);
  const departments = new Map<string, Promise<Recommendations>>();
  return {
    forYou,
    trending,
    department(path) {
      let list = departments.get(path);
      if (!list) {
        const asked = clientReady.then(async (client) => {
          const options = { k: ASKED, categories: [path], inStock: true };
          if (!identified) return client.recommendations.trending(options);
          await flushFirst(client);
          return client.recommendations.forCustomer(options);
        });
        list = Promise.all([asked, shownAbove]).then(([found, seen]) => without(found, seen));
        // Started ahead of its shelf: a failure is reported by the shelf, not as an unhandled rejection.
        list.catch(() => undefined);
        departments.set(path, list);
      }
      return list;
    },
  };
}

/** Departments of a personal list, most frequent first: the visitor's taste, to put their shelves first. */
export function departmentsOf(list: Recommendations | null): string[] {
  const counts = new Map<string, number>();
  for (const { item } of list?.items ?? []) {
    const department = item.category?.split('/')[0];
    if (department) counts.set(department, (counts.get(department) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([d]) => d);
}

/** The taste to order department shelves by, or no preference when "for you" is slow or failed. */
export function tasteOf(lists: HomeLists): Promise<string[]> {
  return within(
    lists.forYou.then(departmentsOf, () => []),
    WAIT_MS,
    [],
  );
}
