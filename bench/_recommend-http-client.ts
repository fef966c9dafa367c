/**
 * The load generator of bench/recommend-http.ts, run in its own process so that it does not share the
 * server's event loop: autocannon over many different ids, result sent back to the parent.
 */
import autocannon from 'autocannon';

interface ClientConfig {
  url: string;
  pathTemplate: string;
  ids: string[];
  key: string;
  seconds: number;
  connections: number;
}

// The id lists are too long for a command line: they arrive as the first IPC message.
const config = await new Promise<ClientConfig>((resolve) => process.once('message', (m) => resolve(m as ClientConfig)));
let next = 0;
const result = await autocannon({
  url: config.url,
  connections: config.connections,
  duration: config.seconds,
  headers: { authorization: `Bearer ${config.key}` },
  requests: [
    {
      setupRequest: (req) => {
        const id = config.ids[next++ % config.ids.length]!;
        return { ...req, path: config.pathTemplate.replace('{id}', encodeURIComponent(id)) };
      },
    },
  ],
});
process.send?.({
  rps: result.requests.average,
  total: result.requests.total,
  p50: result.latency.p50,
  p90: result.latency.p90,
  p99: result.latency.p99,
  max: result.latency.max,
  errors: result.errors,
  non2xx: result.non2xx,
});
process.disconnect?.();
