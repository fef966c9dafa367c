/** Data hooks: load a resource with loading/error/reload, and follow a background job to its end. */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api } from './api.js';
import type { Job } from './types.js';

/** A loaded resource. */
export interface Resource<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, 'Unexpected error', error instanceof Error ? error.message : String(error));
}

/** Loads `load()` when `deps` change; an older answer never overwrites a newer one. */
export function useResource<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]): Resource<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiError; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    load(controller.signal).then(
      (data) => !controller.signal.aborted && setState({ data, loading: false }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        // Keep the last data on a failed reload: the error shows beside it.
        setState((s) => ({ ...s, error: asApiError(error), loading: false }));
      },
    );
    return () => controller.abort();
    // The caller names the dependencies; `load` is a fresh closure every render.
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

const FINISHED = new Set(['done', 'failed', 'cancelled']);

/** Whether a job will not change any more. */
export function jobFinished(job: Job): boolean {
  return FINISHED.has(job.status);
}

/** Follows a job: polls GET /v1/jobs/:id until it finishes; `start` begins with a fresh job. */
export function useJob(onDone?: (job: Job) => void): {
  job: Job | undefined;
  error: ApiError | undefined;
  start: (job: Job) => void;
  fail: (error: unknown) => void;
} {
  const [job, setJob] = useState<Job>();
  const [error, setError] = useState<ApiError>();
  const done = useRef(onDone);
  done.current = onDone;
  useEffect(() => {
    if (!job || jobFinished(job)) return;
    const timer = setTimeout(() => {
      api<Job>(`/v1/jobs/${encodeURIComponent(job.id)}`).then(
        (next) => {
          setJob(next);
          if (jobFinished(next)) done.current?.(next);
        },
        (e: unknown) => setError(asApiError(e)),
      );
    }, 700);
    return () => clearTimeout(timer);
  }, [job]);
  const start = useCallback((j: Job) => {
    setError(undefined);
    setJob(j);
    if (jobFinished(j)) done.current?.(j);
  }, []);
  const fail = useCallback((e: unknown) => setError(asApiError(e)), []);
  return { job, error, start, fail };
}

/** A value that follows `value` after `ms` without changes (search boxes). */
export function useDebounced<T>(value: T, ms = 250): T {
  const [out, setOut] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setOut(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return out;
}
