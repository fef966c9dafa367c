/**
 * A JSON POST over node:http(s) with keep-alive agents shared per process: a webhook or provider gets a
 * bounded pool of reused connections. `fetch` cost ~1 ms of CPU per message (streams, abort signals, a new
 * Request each time) and was most of the time of a delivery round at a local sink.
 */
import http from 'node:http';
import https from 'node:https';

/** The answer to a POST: status and the Retry-After header; the body is read and dropped (frees the socket). */
export interface PostAnswer {
  status: number;
  retryAfter: string | null;
}

/** Connections kept open per origin; more requests queue on the agent. */
const MAX_SOCKETS = 256;
const httpAgent = new http.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS, maxFreeSockets: MAX_SOCKETS });
const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS, maxFreeSockets: MAX_SOCKETS });

/** POSTs `body`; rejects on a network error or when no answer came within `timeoutMs`. */
export function postJson(
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<PostAnswer> {
  return new Promise((resolve, reject) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      reject(new Error(`not a URL: ${url}`));
      return;
    }
    const secure = target.protocol === 'https:';
    if (!secure && target.protocol !== 'http:') {
      reject(new Error(`unsupported protocol ${target.protocol}`));
      return;
    }
    const payload = Buffer.from(body, 'utf8');
    const request = (secure ? https : http).request(
      target,
      {
        method: 'POST',
        agent: secure ? httpsAgent : httpAgent,
        headers: { ...headers, 'content-length': String(payload.length) },
      },
      (response) => {
        const status = response.statusCode ?? 0;
        const retryAfter = response.headers['retry-after'] ?? null;
        response.on('error', reject);
        response.on('end', () => resolve({ status, retryAfter }));
        response.resume();
      },
    );
    request.setTimeout(timeoutMs, () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', reject);
    request.end(payload);
  });
}
