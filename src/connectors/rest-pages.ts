/**
 * Reads a store platform's paginated REST collection: follows the next page the platform names (a Link
 * header, a page count), waits out 429s as the platform's Retry-After says, and names the URL and status of
 * any other failure.
 */

/** What the caller says about a platform's paging. */
export interface PagedSource {
  /** The first page's URL. */
  first: string;
  headers: Record<string, string>;
  /** The records in a page's body. */
  records(body: unknown): Record<string, unknown>[];
  /** The next page's URL, or undefined after the last page. */
  next(response: Response, url: string, records: number): string | undefined;
}

/** How a reader fetches; a test can pass its own (a real local server is used in the test suite). */
export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/** Yields each page's records in order. */
export async function* readPages(
  source: PagedSource,
  fetchPage: Fetch = fetch,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): AsyncGenerator<Record<string, unknown>[]> {
  let url: string | undefined = source.first;
  while (url !== undefined) {
    const response = await fetchWithRetry(url, source.headers, fetchPage, sleep);
    const records = source.records(await response.json());
    yield records;
    url = source.next(response, url, records.length);
  }
}

async function fetchWithRetry(
  url: string,
  headers: Record<string, string>,
  fetchPage: Fetch,
  sleep: (ms: number) => Promise<void>,
): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    const response = await fetchPage(url, { headers: { accept: 'application/json', ...headers } });
    if (response.ok) return response;
    if (response.status === 429 && attempt < 5) {
      const wait = Number(response.headers.get('retry-after') ?? '2');
      await response.body?.cancel();
      await sleep(Math.min(60, Number.isFinite(wait) ? wait : 2) * 1000);
      continue;
    }
    const text = (await response.text()).slice(0, 300);
    throw new Error(`GET ${redact(url)} answered ${response.status}${text ? `: ${text}` : ''}`);
  }
}

/** The URL without credentials in its query (WooCommerce accepts keys there). */
function redact(url: string): string {
  const u = new URL(url);
  for (const name of ['consumer_key', 'consumer_secret', 'access_token'])
    if (u.searchParams.has(name)) u.searchParams.set(name, '…');
  return u.toString();
}

/** The `rel="next"` URL of an RFC 8288 Link header (Shopify's cursor paging). */
export function linkNext(link: string | null): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/i.exec(part.trim());
    if (match) return match[1];
  }
  return undefined;
}
