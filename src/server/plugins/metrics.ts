/** Prometheus metrics at /metrics: process defaults plus request counts and latencies per route. */
import type { FastifyInstance } from 'fastify';
import type { MetricsAccess } from '../../config/config.js';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The metrics of one app instance (a registry per app keeps tests independent). */
export interface AppMetrics {
  registry: Registry;
  eventsReceived: Counter;
}

/** Installs request metrics and, unless `access` is off, the /metrics route (admin key only for `key`). */
export function registerMetrics(app: FastifyInstance, access: MetricsAccess): AppMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'daogou_' });
  const requests = new Histogram({
    name: 'daogou_http_request_duration_seconds',
    help: 'HTTP request latency by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
    registers: [registry],
  });
  const eventsReceived = new Counter({
    name: 'daogou_events_received_total',
    help: 'Valid events received (including duplicates skipped by idempotency)',
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    requests.labels(request.method, route, String(reply.statusCode)).observe(reply.elapsedTime / 1000);
  });
  // Route names, latencies and process details help an attacker map the service: not for everyone by default.
  if (access !== 'off') {
    const config: { permission?: 'admin' } = access === 'key' ? { permission: 'admin' } : {};
    app.get('/metrics', { schema: { hide: true }, config }, async (_request, reply) => {
      return reply.type(registry.contentType).send(await registry.metrics());
    });
  }
  return { registry, eventsReceived };
}
