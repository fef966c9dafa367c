/** The console's HTTP client: sends the admin key, turns problem+json answers into ApiError. */

const KEY_STORAGE = 'daogou.console.key';

/** One field-level problem from an RFC 9457 answer. */
export interface FieldProblem {
  index?: number;
  field: string;
  message: string;
}

/** An error answer from the API (or the network), with the problem details when there were any. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly errors: FieldProblem[] = [],
  ) {
    super(detail || title);
  }

  /** Whether the key is missing, wrong, revoked or lacks the scope: the console must ask for another. */
  get isAuth(): boolean {
    return this.status === 401 || this.status === 403;
  }
}

type AuthListener = (error: ApiError) => void;
let onAuthError: AuthListener = () => undefined;

/** Registers what happens when any call is refused for its key (the app signs out and shows the message). */
export function setAuthErrorHandler(listener: AuthListener): void {
  onAuthError = listener;
}

/** The key kept for this tab (sessionStorage: it is gone when the tab closes). */
export function storedKey(): string | null {
  return sessionStorage.getItem(KEY_STORAGE);
}

/** Keeps or forgets the key for this tab. */
export function storeKey(key: string | null): void {
  if (key === null) sessionStorage.removeItem(KEY_STORAGE);
  else sessionStorage.setItem(KEY_STORAGE, key);
}

/** Query parameters; undefined and empty values are left out. */
export type Query = Record<string, string | number | boolean | undefined | null>;

/** Builds a path with a query string. */
export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

interface RequestOptions {
  method?: string;
  query?: Query;
  /** JSON-encoded unless it is already a Blob/File (sent raw, e.g. an import file). */
  body?: unknown;
  /** Content type of a raw (Blob) body. */
  contentType?: string;
  /** Use this key instead of the stored one (the login check). */
  key?: string;
  signal?: AbortSignal;
}

async function problemFrom(response: Response): Promise<ApiError> {
  const text = await response.text();
  try {
    const p = JSON.parse(text) as { title?: string; detail?: string; errors?: FieldProblem[] };
    return new ApiError(response.status, p.title ?? response.statusText, p.detail ?? '', p.errors ?? []);
  } catch {
    return new ApiError(response.status, response.statusText || `HTTP ${response.status}`, text.slice(0, 500));
  }
}

/** Sends a request to the API and returns the raw response (throws ApiError on failure). */
export async function send(path: string, options: RequestOptions = {}): Promise<Response> {
  const key = options.key ?? storedKey();
  const headers: Record<string, string> = {};
  if (key) headers.authorization = `Bearer ${key}`;
  let body: BodyInit | undefined;
  if (options.body instanceof Blob) {
    body = options.body;
    headers['content-type'] = options.contentType ?? 'application/octet-stream';
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method: options.method ?? 'GET',
      headers,
      ...(body !== undefined ? { body } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'Network error', 'Daogou did not answer: is the server running?');
  }
  if (!response.ok) {
    const problem = await problemFrom(response);
    // The login form checks its own key; only a stored key that stops working signs the console out.
    if (problem.isAuth && options.key === undefined) onAuthError(problem);
    throw problem;
  }
  return response;
}

/** Sends a request and parses the JSON answer (204 gives undefined). */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}
