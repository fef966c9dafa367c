/** JSON over fetch with the API key, mapping every failure to a DaogouError. */
import { DaogouError, networkError } from './errors.js';
import { ServerEventReader, type ServerEvent } from './server-events.js';
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
    const response = await this.send(method, path, options, 'application/json');
    return this.json<T>(method, path, response, await this.text(response));
  }

  /**
   * Sends a request asking for server-sent events: `onEvent` hears each event as it arrives, and the data of
   * the event named `final` is returned (parsed JSON); an `error` event's problem is thrown as a DaogouError.
   * A server that answers with JSON instead (an older one, or one that does not stream this request) is
   * read as `request` reads it, and that body is returned.
   */
  async requestEvents<T>(
    method: 'POST',
    path: string,
    options: RequestOptions,
    final: string,
    onEvent: (event: ServerEvent) => void,
  ): Promise<T> {
    const response = await this.send(method, path, options, 'text/event-stream, application/json;q=0.9');
    const type = response.headers.get('content-type') ?? '';
    if (!response.ok || !/^text\/event-stream/i.test(type)) {
      return this.json<T>(method, path, response, await this.text(response));
    }
    const reader = new ServerEventReader();
    let result: { value: T } | null = null;
    const take = (events: ServerEvent[]): void => {
      for (const e of events) {
        if (result !== null) return;
        if (e.event === 'error') throw new DaogouError(this.eventProblem(e.data, response));
        if (e.event === final) result = { value: this.eventData<T>(e.data, method, path) };
        else onEvent(e);
      }
    };
    try {
      const body = response.body;
      if (body && typeof body.getReader === 'function' && typeof TextDecoder !== 'undefined') {
        // Pieces as they arrive, so the caller can show the reply while it is written.
        const chunks = body.getReader();
        const decoder = new TextDecoder();
        while (result === null) {
          const { done, value } = await chunks.read();
          if (done) break;
          take(reader.push(decoder.decode(value, { stream: true })));
        }
        if (result === null) take(reader.push(`${decoder.decode()}\n\n`));
        else void chunks.cancel().catch(() => undefined);
      } else {
        // No readable body in this runtime: the events all at once, at the end.
        take(reader.push(`${await response.text()}\n\n`));
      }
    } catch (error) {
      if (error instanceof DaogouError || isAbort(error)) throw error;
      throw networkError(error);
    }
    reader.end();
    if (result === null) throw networkError(new Error(`${method} ${path}: the event stream ended without an answer`));
    return (result as { value: T }).value;
  }

  private async send(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    options: RequestOptions,
    accept: string,
  ): Promise<Response> {
    const headers: Record<string, string> = { accept, authorization: `Bearer ${this.apiKey}` };
    const token = this.customerToken();
    if (token !== null) headers['x-customer-token'] = token;
    const init: RequestInit = { method, headers };
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      init.body = JSON.stringify(options.body);
    }
    if (options.keepalive) init.keepalive = true;
    if (options.signal) init.signal = options.signal;
    try {
      return await this.fetchFn(this.base + withQuery(path, options.query), init);
    } catch (error) {
      if (isAbort(error)) throw error;
      throw networkError(error);
    }
  }

  private async text(response: Response): Promise<string> {
    try {
      return await response.text();
    } catch (error) {
      if (isAbort(error)) throw error;
      throw networkError(error);
    }
  }

  private json<T>(method: string, path: string, response: Response, text: string): T {
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

  private eventData<T>(data: string, method: string, path: string): T {
    try {
      return JSON.parse(data) as T;
    } catch {
      throw networkError(new Error(`${method} ${path}: an event's data is not JSON`));
    }
  }

  private eventProblem(data: string, response: Response): Problem {
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      parsed = undefined;
    }
    return isProblem(parsed) ? parsed : { ...fallbackProblem(response, data), status: 500, title: 'Stream error' };
  }
}
