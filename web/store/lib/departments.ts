/** The store's top-level categories, largest first, read once from the category facet of an empty search. */
import { clientReady } from './client.js';
import { observable, useObservable } from './observable.js';

const STORAGE_KEY = 'daogou-store.departments';

function load(): string[] {
  try {
    const parsed: unknown = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

const departments$ = observable<string[]>(load());

void clientReady
  .then((client) => client.search('', { facets: ['category'], pageSize: 1 }))
  .then((results) => {
    const top = (results.facets.category ?? []).filter((f) => !f.value.includes('/')).map((f) => f.value);
    departments$.set(top);
    try {
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify(top));
    } catch {
      // Asked again on the next page load.
    }
  })
  .catch((error: unknown) => console.warn('daogou store: cannot read the categories', error));

/** The top-level categories (empty until they arrive). */
export function useDepartments(): string[] {
  return useObservable(departments$);
}
