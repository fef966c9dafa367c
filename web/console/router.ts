/** A tiny client-side router over real paths under /console/ (history.pushState, back/forward). */
import { useEffect, useState } from 'preact/hooks';

/** Where the console lives; every route is a path below it. */
export const BASE = '/console';

/** The current path below /console ("/" for the overview), without query. */
export function currentPath(): string {
  const p = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : location.pathname;
  return p === '' ? '/' : p;
}

const listeners = new Set<() => void>();
window.addEventListener('popstate', () => listeners.forEach((l) => l()));

/** Goes to a console path ("/customers/C1") and adds a history entry. */
export function navigate(path: string, replace = false): void {
  const url = `${BASE}${path}`;
  if (url === location.pathname + location.search) return;
  if (replace) history.replaceState(null, '', url);
  else {
    history.pushState(null, '', url);
    window.scrollTo(0, 0);
  }
  listeners.forEach((l) => l());
}

/** Re-renders the caller on every navigation; returns the current path and query. */
export function useRoute(): { path: string; query: URLSearchParams } {
  const [, setTick] = useState(0);
  useEffect(() => {
    const listener = () => setTick((t) => t + 1);
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }, []);
  return { path: currentPath(), query: new URLSearchParams(location.search) };
}

/** Click handler for links: plain clicks route in-app, modified clicks (new tab) go to the browser. */
export function onLinkClick(event: MouseEvent, path: string): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
    return;
  event.preventDefault();
  navigate(path);
}

/** Keeps list filters in the address (replacing the entry), so back and reload return to the same list. */
export function replaceQuery(path: string, params: Record<string, string>): void {
  const qs = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== '')).toString();
  navigate(qs ? `${path}?${qs}` : path, true);
}

/** Decodes one path segment (ids may hold any character). */
export function segment(path: string, index: number): string | undefined {
  const part = path.split('/').filter(Boolean)[index];
  return part === undefined ? undefined : decodeURIComponent(part);
}
