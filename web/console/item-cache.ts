/** Item titles for lists that only carry ids (timelines), fetched a few at a time and kept for the session. */
import { useEffect, useState } from 'preact/hooks';
import { api } from './api.js';
import type { Item } from './types.js';

const cache = new Map<string, Item | null>();
const CONCURRENCY = 6;

async function fetchMissing(ids: readonly string[]): Promise<void> {
  const queue = ids.filter((id) => !cache.has(id));
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      try {
        cache.set(id, await api<Item>(`/v1/items/${encodeURIComponent(id)}`));
      } catch {
        // A deleted item stays unknown; the id is shown instead.
        cache.set(id, null);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

/** Remembers items already loaded elsewhere (recommendations carry whole items). */
export function rememberItems(items: readonly Item[]): void {
  for (const item of items) cache.set(item.id, item);
}

/** The items for `ids` that are known so far; re-renders as more arrive. */
export function useItems(ids: readonly string[]): Map<string, Item | null> {
  const [, setVersion] = useState(0);
  const key = ids.join('\n');
  useEffect(() => {
    let live = true;
    void fetchMissing(ids).then(() => live && setVersion((v) => v + 1));
    return () => void (live = false);
    // `key` stands for `ids`: a new array with the same ids must not refetch.
  }, [key]);
  return cache;
}
