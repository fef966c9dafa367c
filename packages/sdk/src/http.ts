/** JSON over fetch with the API key, mapping every failure to a DaogouError. */
import { DaogouError, networkError } from './errors.js';
import type { Problem } from './types.js';

/** A query-string value; arrays repeat the parameter, undefined leaves it out. */
export type QueryValue = string | number | boolean | readonly string[] | undefined;

/** One request. */
export interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Let the request outlive the page (sent while the page is being hidden or unloaded). */
  keepalive?: boolean;
  signal?: AbortSignal;
}

/** The fetch function the SDK calls (the global one, or one passed in for tests and old runtimes). */
export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

/** Appends query parameters, repeating arrays, in a stable order. */
export function withQuery(path: string, query: Record<string, QueryValue> | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (typeof value === 'object') for (const v of value) params.append(name, v);
    else params.append(name, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** A problem for a response that did not carry problem+json (a proxy's HTML page, an empty 502). */
function fallbackProblem(response: Response, text: string): Problem {
  return {
    type: 'about:blank',
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
    detail: text.slice(0, 500),
  };
}

function isProblem(value: unknown): value is Problem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Problem).title === 'string' &&
    typeof (value as Problem).status === 'number'
  );
}

function isAbort(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}

/** Talks to one Daogou server with one key. */
export class Http {
  private readonly base: string;

  constructor(
    baseUrl: string,
    private readonly apiKey: string,
    private readonly fetchFn: FetchFunction,
    private readonly customerToken: () => string | null = () => null,
  ) {
    this.base = baseUrl.replace(/\/+$/, '');
  }

  /** Sends a request and returns the parsed JSON body; throws DaogouError (aborts are rethrown as they are). */
  async request<T>(method: 'GET' | 'POST' | 'PUT', path: string, options: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json', authorization: `Bearer ${this.apiKey}` };
    const token = this.customerToken();
    if (token !== null) headers['x-customer-token'] = token;
    const init: RequestInit = { method, headers };
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      init.body = JSON.stringify(options.body);
    }
    if (options.keepalive) init.keepalive = true;
    if (options.signal) init.signal = options.signal;
    let response: Response;
    let text: string;
    try {
      response = await this.fetchFn(this.base + withQuery(path, options.query), init);
      text = await response.text();
    } catch (error) {
      if (isAbort(error)) throw error;
      throw networkError(error);
    }
    let parsed: unknown = undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON: an error page from a proxy is reported by status below; a 2xx must be JSON.
      if (response.ok) throw networkError(new Error(`${method} ${path}: the response is not JSON`));
    }
    if (!response.ok) throw new DaogouError(isProblem(parsed) ? parsed : fallbackProblem(response, text));
    return parsed as T;
  }
}
