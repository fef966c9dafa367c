/**
 * The OpenAPI document's settings: info with licence, servers, tags, and a per-route transform that marks
 * open routes as needing no key and adds the problem responses every operation can give. Routes name their
 * own `operationId`s (stable names for generated clients); a test holds every operation to having one.
 */
import type { SwaggerOptions } from '@fastify/swagger';
import { ProblemSchema } from '../routes/common-schemas.js';
import { documentedProblemStatuses, problemDescription } from './error-responses.js';

/** Tags, in the order the docs page lists them. */
const tags = [
  { name: 'items', description: 'The catalogue' },
  { name: 'customers', description: 'Customers and their timeline' },
  { name: 'events', description: 'Tracking and identity merge' },
  { name: 'privacy', description: 'GDPR export and erasure' },
  { name: 'customer analytics', description: 'Profiles, RFM, lifetime value, churn risk and clusters' },
  { name: 'segments', description: 'Saved rule-based segments, members, export and overlap' },
  { name: 'search', description: 'Product search, autocomplete, synonyms, merchandising rules and query analytics' },
  { name: 'recommendations', description: 'For-you, similar, bought together, trending, session; attribution' },
  { name: 'operations', description: 'Health, readiness, statistics and background jobs' },
  { name: 'statistics', description: 'Console overview: KPIs, time series, channel and event-type breakdowns' },
  { name: 'keys', description: 'API keys: list, create, revoke' },
  { name: 'imports', description: 'File uploads imported as background jobs' },
  { name: 'journeys', description: 'Marketing automation: journeys, messages, templates, consent and tracking' },
  {
    name: 'connectors',
    description:
      'Shopify and WooCommerce connections (history import, webhooks) and a Segment-compatible tracking endpoint',
  },

  { name: 'experiments', description: 'A/B tests and bandits: assignment, exposures, read-outs, attribution' },
  { name: 'reviews', description: 'Review sentiment and aspects: item summaries, aggregates, drop signals' },
  { name: 'content', description: 'Copy from the catalogue and reviews: grounded variants, checks, drafts, bulk jobs' },
];

interface RouteSchema {
  params?: unknown;
  querystring?: unknown;
  body?: unknown;
  security?: unknown[];
  response?: Record<string, unknown>;
  [key: string]: unknown;
}

/** The route's documentation with open routes marked and the common problem responses filled in. */
export function documentRoute(schema: RouteSchema | undefined, open: boolean): RouteSchema | undefined {
  if (schema === undefined) return undefined;
  const withSecurity: RouteSchema = open ? { ...schema, security: [] } : { ...schema };
  if (withSecurity.querystring !== undefined) withSecurity.querystring = optionalDefaults(withSecurity.querystring);
  const response: Record<string, unknown> = { ...(withSecurity.response ?? {}) };
  const problem = (status: number) => ({
    description: problemDescription(status),
    content: { 'application/problem+json': { schema: ProblemSchema, example: problemExample(status) } },
  });
  // Problems are sent as application/problem+json, whether the route declared the status or not.
  for (const [status, value] of Object.entries(response)) {
    if (value === ProblemSchema) response[status] = problem(Number(status));
  }
  for (const status of documentedProblemStatuses(withSecurity)) response[status] ??= problem(status);
  return { ...withSecurity, response };
}

/**
 * A query schema whose parameters with a default are optional: the server fills them in (coerced by the
 * validator), so clients may leave them out — but TypeBox lists them as required, and generated clients
 * would demand them.
 */
function optionalDefaults(querystring: unknown): unknown {
  const q = querystring as { required?: string[]; properties?: Record<string, { default?: unknown }> };
  if (!Array.isArray(q.required) || q.properties === undefined) return querystring;
  const properties = q.properties;
  return { ...q, required: q.required.filter((name) => properties[name]?.default === undefined) };
}

/** An example problem document for a status. */
function problemExample(status: number): Record<string, unknown> {
  const examples: Record<number, Record<string, unknown>> = {
    400: {
      type: 'urn:daogou:problem:validation',
      title: 'Invalid request',
      status: 400,
      detail: 'body/price must be >= 0',
      errors: [{ field: 'price', message: 'must be >= 0' }],
    },
    401: {
      type: 'urn:daogou:problem:unauthorized',
      title: 'Unauthorized',
      status: 401,
      detail: 'an API key is required: send "Authorization: Bearer <key>"',
    },
  };
  return (
    examples[status] ?? {
      type: 'about:blank',
      title: problemDescription(status),
      status,
      detail: problemDescription(status),
    }
  );
}

/** The @fastify/swagger options of the API; `serverUrl` is where this deployment answers. */
export function openApiOptions(serverUrl: string): SwaggerOptions {
  return {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Daogou API',
        version: '1',
        description:
          'Daogou (导购): a self-hosted AI engine for online stores. Authenticate with `Authorization: Bearer <key>`; errors are RFC 9457 problem+json.',
        license: { name: 'MIT', identifier: 'MIT' },
      },
      servers: [{ url: serverUrl, description: 'this Daogou server' }],
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } } },
      security: [{ apiKey: [] }],
      tags,
    },
    // Shared schemas are named by their $id (Problem, Item…) rather than def-0, def-1… in generated clients.
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`),
    },
    transform: ({ schema, url, route }) => ({
      schema: documentRoute(schema as RouteSchema | undefined, route.config?.permission === undefined) as never,
      url,
    }),
  };
}
