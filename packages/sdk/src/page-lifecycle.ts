/** Page-hide detection in browsers; a no-op in Node and workers. */

interface EventTargetLike {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}
interface PageGlobals extends Partial<EventTargetLike> {
  document?: Partial<EventTargetLike> & { visibilityState?: string };
}

/**
 * Calls `callback` when the page is hidden or being left. `visibilitychange` to hidden is the last event
 * mobile browsers reliably fire (they often skip unload); `pagehide` covers desktop navigation and the
 * back-forward cache. Returns a function that removes the listeners.
 */
export function onPageHide(callback: () => void): () => void {
  const page = globalThis as PageGlobals;
  const doc = page.document;
  if (typeof page.addEventListener !== 'function' || typeof doc?.addEventListener !== 'function') return () => {};
  const onVisibility = () => {
    if (doc.visibilityState === 'hidden') callback();
  };
  doc.addEventListener('visibilitychange', onVisibility);
  page.addEventListener('pagehide', callback);
  return () => {
    doc.removeEventListener?.('visibilitychange', onVisibility);
    page.removeEventListener?.('pagehide', callback);
  };
}
