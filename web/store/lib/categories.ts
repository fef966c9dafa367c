/**
 * Category names in the visitor's language. Category paths are stored in the catalogue's language
 * (`女装/连衣裙`); each item's English translation carries its path (`Women/Dresses`), so the names are
 * learned from the items the store has shown and remembered, rather than kept in a table here.
 */
import { clientReady } from './client.js';
import type { Lang } from './i18n.js';
import { observable, useObservable } from './observable.js';
import { toProduct, type Product } from './product.js';

const STORAGE_KEY = 'daogou-store.categories';

function load(): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}');
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/** Path in the catalogue's language → English path; replaced (not mutated) when it grows, so views update. */
const names$ = observable<Record<string, string>>(load());
let saveTimer: ReturnType<typeof setTimeout> | undefined;

/** Learns the English names of the products' category paths and every prefix of them. */
export function learnCategories(products: readonly Product[]): void {
  const known = names$.get();
  let added: Record<string, string> | undefined;
  for (const product of products) {
    const path = product.category;
    const english = product.translations.en?.category;
    if (!path || !english || known[path] === english) continue;
    const zhParts = path.split('/');
    const enParts = english.split('/');
    if (zhParts.length !== enParts.length) continue;
    added ??= { ...known };
    for (let i = 1; i <= zhParts.length; i++) added[zhParts.slice(0, i).join('/')] = enParts.slice(0, i).join('/');
  }
  if (!added) return;
  names$.set(added);
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => {
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(names$.get()));
    } catch {
      // Not remembered: learned again on the next visit.
    }
  }, 500);
}

const asked = new Set<string>();
let pending: string[] = [];

/**
 * Asks for one item of each category whose English name is not known yet (an empty-query browse, which the
 * server does not log as a search); its translation teaches the name. Batched per render, each path once.
 */
function askForNames(path: string): void {
  if (asked.has(path)) return;
  asked.add(path);
  pending.push(path);
  if (pending.length > 1) return;
  queueMicrotask(() => {
    const paths = pending.slice(0, 24);
    pending = [];
    void clientReady.then((client) =>
      Promise.all(
        paths.map((category) =>
          client
            .search('', { filters: { category }, pageSize: 1 })
            .then((results) => learnCategories(results.items.map((hit) => toProduct(hit.item))))
            .catch(() => undefined),
        ),
      ),
    );
  });
}

/** The last segment of a category path in `lang`, e.g. `Dresses` for `女装/连衣裙`. */
export function categoryName(path: string, lang: Lang, names: Record<string, string> = names$.get()): string {
  if (lang === 'zh') return path.slice(path.lastIndexOf('/') + 1);
  const full = names[path];
  if (full === undefined) askForNames(path);
  const shown = full ?? path;
  return shown.slice(shown.lastIndexOf('/') + 1);
}

/** A category-name function for `lang`; the component re-renders when new names are learned. */
export function useCategoryName(lang: Lang): (path: string) => string {
  const names = useObservable(names$);
  return (path) => categoryName(path, lang, names);
}
