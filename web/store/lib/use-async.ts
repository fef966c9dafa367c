/** Loads data for a component once the SDK client is ready, again when `deps` change, and cancels stale loads. */
import type { DaogouClient } from '@daogou/sdk';
import { useEffect, useState } from 'preact/hooks';
import { clientReady } from './client.js';

/** The state of a load. */
export interface AsyncState<T> {
  data?: T;
  error?: unknown;
  loading: boolean;
  /** Loads again (after an error). */
  retry: () => void;
}

/** Runs `load` with the client; the result of a load whose deps have since changed is dropped. */
export function useAsync<T>(
  load: (client: DaogouClient, signal: AbortSignal) => Promise<T>,
  deps: readonly unknown[],
): AsyncState<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    // Nothing stale is shown while the next load runs: a list for another shopper or query would mislead.
    setState({ loading: true });
    clientReady
      .then((client) => load(client, controller.signal))
      .then(
        (data) => {
          if (!controller.signal.aborted) setState({ data, loading: false });
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          console.warn('daogou store: load failed', error);
          setState({ error, loading: false });
        },
      );
    return () => controller.abort();
    // The caller lists what the load depends on, as with useEffect.
  }, [...deps, attempt]);
  return { ...state, retry: () => setAttempt((n) => n + 1) };
}
