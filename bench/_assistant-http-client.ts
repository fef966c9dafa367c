/**
 * The load generator of bench/assistant-http.ts, run in its own process so that it does not share the
 * server's event loop: autocannon over a list of request bodies (or none), result sent back to the parent.
 */
import autocannon from 'autocannon';

interface ClientConfig {
  url: string;
  method: 'GET' | 'POST';
  key: string;
  bodies: string[];
  seconds: number;
  connections: number;
}

// The bodies arrive as the first IPC message (too long for a command line).
const config = await new Promise<ClientConfig>((resolve) => process.once('message', (m) => resolve(m as ClientConfig)));
let next = 0;
const result = await autocannon({
  url: config.url,
  method: config.method,
  connections: config.connections,
  duration: config.seconds,
  headers: { authorization: `Bearer ${config.key}`, 'content-type': 'application/json' },
  ...(config.bodies.length > 0
    ? { requests: [{ setupRequest: (req) => ({ ...req, body: config.bodies[next++ % config.bodies.length] }) }] }
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
