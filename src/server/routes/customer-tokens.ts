/** /v1/customers/{id}/token: customer tokens a merchant's server hands the logged-in shopper's page. */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Engine } from '../../engine/engine.js';
import { MAX_TOKEN_TTL_SECONDS } from '../../platform/index.js';
import { IdParams, errorResponses } from './common-schemas.js';

/** Customer token routes. */
export const customerTokenRoutes =
  (engine: Engine): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/v1/customers/:id/token',
      {
        config: { permission: 'ingest' },
        schema: {
          operationId: 'issueCustomerToken',
          tags: ['customers'],
          summary: 'Issue a customer token for a page (your server calls this at login)',
          description:
            'With the token in `X-Customer-Token`, a browser key may read this customer’s personal recommendations, personalise search for them and send events naming them. Tokens can also be made without a call: see docs/security.md.',
          params: IdParams,
          body: Type.Object(
            {
              ttlSeconds: Type.Optional(
                Type.Integer({
                  minimum: 60,
                  maximum: MAX_TOKEN_TTL_SECONDS,
                  description: 'how long the token is valid (default a day)',
                }),
              ),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({
              customerId: Type.String(),
              token: Type.String(),
              expiresAt: Type.String({ format: 'date-time' }),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const issued = await engine.identitySecret.issueToken(request.params.id, request.body.ttlSeconds ?? 86_400);
        return {
          customerId: request.params.id,
          token: issued.token,
          expiresAt: new Date(issued.expiresAt).toISOString(),
        };
      },
    );
  };
