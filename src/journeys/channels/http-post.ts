/**
 * A JSON POST: plain `http:` URLs over the pipelined connections of http-pipeline.ts, `https:` over node:https
 * with a keep-alive agent shared per process (a bounded pool of reused connections). `fetch` cost ~1 ms of CPU
 * per message (streams, abort signals, a new Request each time) and was most of a delivery round at a local sink.
 */
import https from 'node:https';
import { pipelinedPost, type PostAnswer } from './http-pipeline.js';

export type { PostAnswer } from './http-pipeline.js';

/** Connections kept open per origin; more requests queue on the agent. */
const MAX_SOCKETS = 256;
const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS, maxFreeSockets: MAX_SOCKETS });

/** POSTs `body`; rejects on a network error or when no answer came within `timeoutMs`. */
export function postJson(
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<PostAnswer> {
  if (/^http:/i.test(url)) return pipelinedPost(url, headers, body, timeoutMs);
  return new Promise((resolve, reject) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      reject(new Error(`not a URL: ${url}`));
      return;
    }
    if (target.protocol !== 'https:') {
      reject(new Error(`unsupported protocol ${target.protocol}`));
      return;
    }
    const payload = Buffer.from(body, 'utf8');
    const request = https.request(
      target,
      {
        method: 'POST',
        agent: httpsAgent,
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
