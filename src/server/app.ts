/** The HTTP server: Fastify with auth, problem+json errors, OpenAPI docs, metrics, CORS and rate limits. */
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Engine } from '../engine/engine.js';
import { AccessLog } from './access-log.js';
import { registerAuth, verifiedKey } from './plugins/auth.js';
import { registerMetrics } from './plugins/metrics.js';
import { clientErrorHandler, frameworkErrors } from './plugins/framework-errors.js';
import { registerInputGuards } from './plugins/input-guards.js';
import { registerProblemHandlers } from './plugins/problems.js';
import { registerSecurityHeaders } from './plugins/security-headers.js';
import { customerAnalyticsRoutes } from './routes/customer-analytics.js';
import { customerRoutes } from './routes/customers.js';
import { customerTokenRoutes } from './routes/customer-tokens.js';
import { eventRoutes } from './routes/events.js';
import { experimentRoutes } from './routes/experiments.js';

import { forecastRoutes } from './routes/forecasts.js';
import { reviewRoutes } from './routes/reviews.js';
import { contentRoutes } from './routes/content.js';
import { healthRoutes } from './routes/health.js';
import { itemRoutes } from './routes/items.js';
import { assistantRoutes } from './routes/assistant.js';
import { assistantConsoleRoutes } from './routes/assistant-console.js';
import { importRoutes } from './routes/imports.js';
import { jobRoutes } from './routes/jobs.js';
import { journeyRoutes } from './routes/journeys.js';
import { messagePreferenceRoutes } from './routes/message-preferences.js';
import { keyRoutes } from './routes/keys.js';
import { recommendationModelRoutes } from './routes/recommendation-models.js';
import { recommendationRoutes } from './routes/recommendations.js';
import { searchRoutes } from './routes/search.js';
import { segmentRoutes } from './routes/segments.js';
import { statsRoutes } from './routes/stats.js';
import { visionRoutes } from './routes/vision.js';
import { validatorCompiler } from './validation.js';
import { registerWeb, type WebOptions } from './web.js';
import { openApiOptions } from './openapi/document.js';
import { connectorRoutes, connectorWebhookRoutes } from './routes/connectors.js';
import { segmentTrackingRoutes } from './routes/segment-tracking.js';

/** Options for building the app. */
export interface AppOptions {
  logger?: FastifyServerOptions['logger'];
  /** The storefront and console pages (served unless false). */
  web?: WebOptions | false;
}

/** Builds the Fastify app over an engine (not listening; call `listen` or use `inject`). */
export async function buildApp(engine: Engine, options: AppOptions = {}): Promise<FastifyInstance> {
  const { config } = engine;
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: config.bodyLimitBytes,
    // X-Forwarded-For is believed only from the proxies the operator names: from anyone else it is a
    // header any client can set, and trusting it would hand every request a fresh rate-limit bucket.
    trustProxy: config.trustedProxies.length > 0 ? config.trustedProxies : false,
    ajv: { customOptions: { coerceTypes: true } },
    logController: new AccessLog(),
    frameworkErrors,
    clientErrorHandler,
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  registerProblemHandlers(app);
  registerSecurityHeaders(app);
  registerInputGuards(app);

  await app.register(cors, {
    origin: config.corsOrigins === '*' ? true : config.corsOrigins,
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'x-api-key', 'x-customer-token'],
    maxAge: 86_400,
  });

  await app.register(swagger, openApiOptions(config.publicUrl ?? `http://${config.host}:${config.port}`));
  if (config.docs) {
    await app.register(swaggerUi, { routePrefix: '/docs' });
    app.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());
  }

  // Valid secret keys are limited per key; browser keys, anonymous calls and any key that is not a valid
  // secret key (unknown, revoked, made up) share the per-address budget, so inventing keys buys nothing.
  await app.register(rateLimit, {
    global: true,
    max: (_request, bucket) => {
      const limit = bucket.startsWith('key:') ? config.rateLimitMax : config.rateLimitPublicMax;
      return limit === 0 ? Number.MAX_SAFE_INTEGER : limit;
    },
    timeWindow: config.rateLimitWindowMs,
    keyGenerator: async (request) => {
      const record = await verifiedKey(request, engine.keys);
      return record && record.scope !== 'public' ? `key:${record.id}` : `ip:${request.ip}`;
    },
    allowList: (request) =>
      ['/health', '/ready', '/metrics'].includes(request.url) || request.url.startsWith('/assets/'),
  });

  registerAuth(app, engine.keys);
  const metrics = registerMetrics(app, config.metrics);
  engine.events.onCount((count) => metrics.eventsReceived.inc(count));

  await app.register(healthRoutes(engine));
  await app.register(itemRoutes(engine));
  await app.register(customerRoutes(engine));
  await app.register(customerTokenRoutes(engine));
  await app.register(eventRoutes(engine));
  await app.register(customerAnalyticsRoutes(engine));
  await app.register(forecastRoutes(engine));
  await app.register(reviewRoutes(engine));
  await app.register(contentRoutes(engine));
  await app.register(segmentRoutes(engine));
  await app.register(jobRoutes(engine));
  await app.register(recommendationRoutes(engine));
  await app.register(searchRoutes(engine));
  await app.register(assistantRoutes(engine));
  await app.register(assistantConsoleRoutes(engine));
  await app.register(statsRoutes(engine));
  await app.register(keyRoutes(engine));
  await app.register(importRoutes(engine));
  await app.register(recommendationModelRoutes(engine));
  await app.register(connectorRoutes(engine));
  await app.register(connectorWebhookRoutes(engine));
  await app.register(segmentTrackingRoutes(engine));

  await app.register(experimentRoutes(engine));

  await app.register(journeyRoutes(engine));
  await app.register(visionRoutes(engine));
  await app.register(messagePreferenceRoutes(engine));
  if (options.web !== false) await registerWeb(app, options.web);
  return app;
}
