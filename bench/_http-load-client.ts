/**
 * The load generator of the HTTP benchmarks (bench/_http-load.ts starts it), run in its own process so that it
 * does not share the server's event loop: autocannon rotating over request bodies or over ids put into a path,
 * result sent back to the parent.
 */
import autocannon from 'autocannon';
import type { LoadConfig } from './_http-load.js';

// The bodies and id lists are too long for a command line: they arrive as the first IPC message.
const config = await new Promise<LoadConfig>((resolve) => process.once('message', (m) => resolve(m as LoadConfig)));
const { bodies = [], ids = [], pathTemplate } = config;
let next = 0;
const result = await autocannon({
  url: config.url,
  method: config.method ?? 'GET',
  connections: config.connections,
  duration: config.seconds,
  headers: config.headers,
  ...(bodies.length > 0
    ? { requests: [{ setupRequest: (req) => ({ ...req, body: bodies[next++ % bodies.length] }) }] }
    : ids.length > 0 && pathTemplate !== undefined
      ? {
          requests: [
            {
              setupRequest: (req) => {
                const id = ids[next++ % ids.length]!;
                return { ...req, path: pathTemplate.replace('{id}', encodeURIComponent(id)) };
              },
            },
          ],
        }
      : {}),
});
process.send?.({
  rps: result.requests.average,
  total: result.requests.total,
  p50: result.latency.p50,
  p90: result.latency.p90,
  p99: result.latency.p99,
  max: result.latency.max,
  errors: result.errors,
  timeouts: result.timeouts,
  non2xx: result.non2xx,
});
process.disconnect?.();
