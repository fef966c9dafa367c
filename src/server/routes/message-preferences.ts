/**
 * /v1/customers/{id}/message-preferences: a shopper's own consent per channel (e-mail, SMS, push), read and
 * changed from the storefront — a secret key, or a browser key with the customer's token. Withdrawing one is
 * logged like an unsubscribe link and takes effect for every journey's next send.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ForbiddenError } from '../../domain/index.js';
import type { Engine } from '../../engine/engine.js';
import { actsForCustomer } from '../customer-access.js';
import { IdParams, errorResponses } from './common-schemas.js';

const Preferences = Type.Object({ email: Type.Boolean(), sms: Type.Boolean(), push: Type.Boolean() });
const tags = ['journeys'];
const description =
  'A browser key needs the customer’s token in `X-Customer-Token` (403 without it); secret keys may act for anyone.';

/** Message preference routes. */
export const messagePreferenceRoutes =
  (engine: Engine): FastifyPluginAsyncTypebox =>
  async (app) => {
    const own = async (request: Parameters<typeof actsForCustomer>[1], id: string) => {
      if (!(await actsForCustomer(engine, request, id)))
        throw new ForbiddenError('only the customer (with their customer token) or a secret key may do this');
    };
    app.get(
      '/v1/customers/:id/message-preferences',
      {
        config: { permission: 'read' },
        schema: {
          operationId: 'getMessagePreferences',
          tags,
          summary: 'A customer’s message preferences (consent per channel)',
          description,
          params: IdParams,
          response: { 200: Preferences, ...errorResponses },
        },
      },
      async (request) => {
        await own(request, request.params.id);
        return engine.journeys.service.preferences(request.params.id);
      },
    );
    app.put(
      '/v1/customers/:id/message-preferences',
      {
        config: { permission: 'track' },
        schema: {
          operationId: 'setMessagePreferences',
          tags,
          summary: 'Change a customer’s message preferences (channels not named keep theirs)',
          description,
          params: IdParams,
          body: Type.Partial(Preferences, { additionalProperties: false, minProperties: 1 }),
          response: { 200: Preferences, ...errorResponses },
        },
      },
      async (request) => {
        await own(request, request.params.id);
        return engine.journeys.service.setPreferences(request.params.id, request.body);
      },
    );
  };
