/** A value components can subscribe to: a handful of these replace a state library and keep the bundle small. */
import { useEffect, useReducer } from 'preact/hooks';

/** A subscribable value. */
export interface Observable<T> {
  get(): T;
  set(value: T): void;
  subscribe(listener: () => void): () => void;
}

/** Makes an observable holding `initial`. */
export function observable<T>(initial: T): Observable<T> {
  let value = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set(next) {
      if (Object.is(next, value)) return;
      value = next;
      for (const listener of [...listeners]) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The observable's current value; the component re-renders when it changes. */
export function useObservable<T>(source: Observable<T>): T {
  const [, rerender] = useReducer((n: number, _action: void) => n + 1, 0);
  const value = source.get();
  useEffect(() => {
    const unsubscribe = source.subscribe(() => rerender());
    // A change between render and subscription would otherwise be missed.
    if (!Object.is(source.get(), value)) rerender();
    return unsubscribe;
  }, [source]);
  return value;
}
