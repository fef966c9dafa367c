/**
 * /v1/journeys: marketing automation — journeys (definition, status, versions), their stats, runs and
 * messages, dry runs, ready templates and store-wide settings; /v1/message-templates; and the public ends
 * of messages (/v1/unsubscribe, /v1/t/o and /v1/t/c for opens and clicks) that need no key.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { toEpochMs, toIso } from '../../domain/index.js';
import type { Engine } from '../../engine/engine.js';
import { JOURNEY_TEMPLATES, JourneyInputSchema, JourneySettingsSchema, ContentSchema } from '../../journeys/index.js';
import type { JourneyRecord, TemplateRecord } from '../../store/repositories/journey-repository.js';
import type { MessageRecord } from '../../store/repositories/journey-message-repository.js';
import type { JourneyRunRecord } from '../../store/repositories/journey-run-repository.js';
import { IdParams, ProblemSchema, errorResponses } from './common-schemas.js';

const AnyObject = Type.Object({}, { additionalProperties: true });
const admin = { permission: 'admin' as const };
const iso = (ms: number | null) => (ms === null ? null : toIso(ms));

const journeyView = (j: JourneyRecord) => ({
  ...j.definition,
  id: j.id,
  name: j.name,
  status: j.status,
  version: j.version,
  createdAt: toIso(j.createdAt),
  updatedAt: toIso(j.updatedAt),
});
const runView = (r: JourneyRunRecord) => ({
  ...r,
  wakeAt: iso(r.wakeAt),
  enteredAt: toIso(r.enteredAt),
  updatedAt: toIso(r.updatedAt),
});
const messageView = (m: MessageRecord) => {
  const { payload, ...rest } = m;
  const p = payload as { content?: unknown; url?: unknown };
  return {
    ...rest,
    content: p.content ?? null,
    url: p.url ?? null,
    nextAttemptAt: iso(m.nextAttemptAt),
    createdAt: toIso(m.createdAt),
    sentAt: iso(m.sentAt),
    openedAt: iso(m.openedAt),
    clickedAt: iso(m.clickedAt),
  };
};
const templateView = (t: TemplateRecord) => ({ ...t, createdAt: toIso(t.createdAt), updatedAt: toIso(t.updatedAt) });

// A 1×1 transparent GIF for the open pixel.
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

const escapeHtml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** Journey routes. */
export const journeyRoutes =
  (engine: Engine): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { service, preview } = engine.journeys;
    const tags = ['journeys'];

    app.post(
      '/v1/journeys',
      {
        config: admin,
        schema: {
          operationId: 'createJourney',
          tags,
          summary:
            'Create a journey: a trigger, steps (wait, branch, split, send, webhook, set_trait, exit), exit events and guard rails',
          body: JourneyInputSchema,
          response: { 201: AnyObject, 409: ProblemSchema, ...errorResponses },
        },
      },
      async (request, reply) => reply.status(201).send(journeyView(await service.create(request.body))),
    );

    app.get(
      '/v1/journeys',
      {
        config: admin,
        schema: {
          operationId: 'listJourneys',
          tags,
          summary: 'Every journey',
          response: { 200: Type.Object({ journeys: Type.Array(AnyObject) }), ...errorResponses },
        },
      },
      async () => ({ journeys: (await service.list()).map(journeyView) }),
    );

    app.get(
      '/v1/journeys/templates',
      {
        config: admin,
        schema: {
          operationId: 'listJourneyTemplates',
          tags,
          summary: 'Ready journeys to start from (abandoned cart, browse abandonment, welcome, cross-sell, win-back)',
          response: { 200: AnyObject, ...errorResponses },
        },
      },
      () => ({ templates: Object.entries(JOURNEY_TEMPLATES).map(([key, t]) => ({ key, ...t })) }),
    );

    app.get(
      '/v1/journeys/settings',
      {
        config: admin,
        schema: {
          operationId: 'getJourneySettings',
          tags,
          summary: 'Store-wide settings: SMTP, providers, caps, quiet hours, public URL',
          response: { 200: AnyObject, ...errorResponses },
        },
      },
      async () => {
        const s = await service.settings();
        // The SMTP password never leaves the server.
        return s.email
          ? { ...s, email: { ...s.email, smtpUrl: s.email.smtpUrl.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@') } }
          : s;
      },
    );

    app.put(
      '/v1/journeys/settings',
      {
        config: admin,
        schema: {
          operationId: 'updateJourneySettings',
          tags,
          summary: 'Replace the store-wide settings',
          body: JourneySettingsSchema,
          response: { 200: AnyObject, ...errorResponses },
        },
      },
      async (request) => {
        await service.saveSettings(request.body);
        return { saved: true };
      },
    );

    app.post(
      '/v1/journeys/preview',
      {
        config: admin,
        schema: {
          operationId: 'previewJourney',
          tags,
          summary:
            'Dry run: replay stored history through a journey; who would enter, be messaged and when — nothing is sent',
          body: Type.Object(
            {
              journey: AnyObject,
              from: Type.String({ format: 'date-time' }),
              to: Type.Optional(Type.String({ format: 'date-time' })),
              sample: Type.Optional(Type.Integer({ minimum: 0, maximum: 200 })),
            },
            { additionalProperties: false },
          ),
          response: { 200: AnyObject, ...errorResponses },
        },
      },
      async (request) => {
        const { journey, from, to, sample } = request.body;
        const r = await preview.run(journey, {
          from: toEpochMs(from),
          to: to ? toEpochMs(to) : engine.clock(),
          ...(sample !== undefined ? { sample } : {}),
        });
        return {
          ...r,
          sample: r.sample.map((s) => ({
            ...s,
            enteredAt: toIso(s.enteredAt),
            sends: s.sends.map((x) => ({ ...x, at: toIso(x.at) })),
            exit: s.exit && { ...s.exit, at: toIso(s.exit.at) },
          })),
        };
      },
    );

    app.get(
      '/v1/journeys/:id',
      {
        config: admin,
        schema: {
          operationId: 'getJourney',
          tags,
          summary: 'One journey (its current version)',
          params: IdParams,
          response: { 200: AnyObject, 404: ProblemSchema, ...errorResponses },
        },
      },
      async (request) => journeyView(await service.get(request.params.id)),
    );

    app.put(
      '/v1/journeys/:id',
      {
        config: admin,
        schema: {
          operationId: 'updateJourney',
          tags,
          summary: 'Replace a journey: a new version for new entrants; customers already in it finish on theirs',
          params: IdParams,
          body: JourneyInputSchema,
          response: { 200: AnyObject, 404: ProblemSchema, 409: ProblemSchema, ...errorResponses },
        },
      },
      async (request) => journeyView(await service.update(request.params.id, request.body)),
    );

    app.post(
      '/v1/journeys/:id/status',
      {
        config: admin,
        schema: {
          operationId: 'setJourneyStatus',
          tags,
          summary: 'Activate, pause or archive a journey (archiving ends every run in it)',
          params: IdParams,
          body: Type.Object(
            {
              status: Type.Union([
                Type.Literal('draft'),
                Type.Literal('active'),
                Type.Literal('paused'),
                Type.Literal('archived'),
              ]),
            },
            { additionalProperties: false },
          ),
          response: { 200: AnyObject, 404: ProblemSchema, ...errorResponses },
        },
      },
      async (request) => journeyView(await service.setStatus(request.params.id, request.body.status)),
    );

    app.delete(
      '/v1/journeys/:id',
      {
        config: admin,
        schema: {
          operationId: 'deleteJourney',
          tags,
          summary: 'Archive a journey (its history stays for reporting)',
          params: IdParams,
          response: { 204: Type.Null(), 404: ProblemSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        await service.setStatus(request.params.id, 'archived');
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/v1/journeys/:id/stats',
      {
        config: admin,
        schema: {
          operationId: 'getJourneyStats',
          tags,
          summary:
            'Per step: entered, messages by outcome, opens, clicks; exits by reason; conversions against the holdout',
          params: IdParams,
          response: { 200: AnyObject, 404: ProblemSchema, ...errorResponses },
        },
      },
      async (request) => service.stats(request.params.id),
    );

    app.get(
      '/v1/journeys/:id/runs',
      {
        config: admin,
        schema: {
          operationId: 'listJourneyRuns',
          tags,
          summary: 'Customers in or through the journey, newest first',
          params: IdParams,
          querystring: Type.Object({
            limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
            status: Type.Optional(
              Type.Union([Type.Literal('active'), Type.Literal('completed'), Type.Literal('exited')]),
            ),
            customerId: Type.Optional(Type.String({ minLength: 1 })),
          }),
          response: { 200: Type.Object({ runs: Type.Array(AnyObject) }), 404: ProblemSchema, ...errorResponses },
        },
      },
      async (request) => {
        const { limit, status, customerId } = request.query;
        return {
          runs: (
            await service.runs(request.params.id, {
              limit,
              ...(status ? { status } : {}),
              ...(customerId ? { customerId } : {}),
            })
          ).map(runView),
        };
      },
    );

    app.get(
      '/v1/journeys/:id/messages',
      {
        config: admin,
        schema: {
          operationId: 'listJourneyMessages',
          tags,
          summary: "The journey's messages, newest first (dead letters with status=dead)",
          params: IdParams,
          querystring: Type.Object({
            limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
            status: Type.Optional(Type.String()),
          }),
          response: { 200: Type.Object({ messages: Type.Array(AnyObject) }), 404: ProblemSchema, ...errorResponses },
        },
      },
      async (request) => {
        const { limit, status } = request.query;
        return {
          messages: (
            await service.messages(request.params.id, {
              limit,
              ...(status ? { status: status as MessageRecord['status'] } : {}),
            })
          ).map(messageView),
        };
      },
    );

    app.get(
      '/v1/journeys/customers/:id',
      {
        config: admin,
        schema: {
          operationId: 'getCustomerJourneys',
          tags,
          summary: "A customer's journeys and messages",
          params: IdParams,
          response: { 200: AnyObject, ...errorResponses },
        },
      },
      async (request) => {
        const r = await service.forCustomer(request.params.id);
        return { runs: r.runs.map(runView), messages: r.messages.map(messageView) };
      },
    );

    app.post(
      '/v1/journeys/suppressions',
      {
        config: admin,
        schema: {
          operationId: 'addSuppression',
          tags,
          summary:
            'Report a bounce or complaint (from a provider webhook): the address is not messaged again on the channel',
          body: Type.Object(
            {
              channel: Type.String({ minLength: 1 }),
              address: Type.String({ minLength: 1, maxLength: 500 }),
              type: Type.Union([Type.Literal('bounce'), Type.Literal('complaint')]),
            },
            { additionalProperties: false },
          ),
          response: { 204: Type.Null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await service.reportBounce(request.body.channel, request.body.address, request.body.type);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/v1/journeys/suppressions',
      {
        config: admin,
        schema: {
          operationId: 'listSuppressions',
          tags,
          summary: 'The suppression list',
          response: { 200: AnyObject, ...errorResponses },
        },
      },
      async () => ({
        suppressions: (await service.suppressions(1000)).map((s) => ({ ...s, createdAt: toIso(s.createdAt) })),
      }),
    );

    const TemplateInput = Type.Object(
      {
        name: Type.String({ minLength: 1, maxLength: 200 }),
        channel: Type.String({ minLength: 1 }),
        content: Type.Union([
          ContentSchema,
          Type.Record(Type.String({ pattern: '^[a-z]{2}(-[A-Za-z]{2,4})?$' }), ContentSchema),
        ]),
      },
      { additionalProperties: false },
    );

    app.get(
      '/v1/message-templates',
      {
        config: admin,
        schema: {
          operationId: 'listMessageTemplates',
          tags,
          summary: 'Stored message templates',
          response: { 200: AnyObject, ...errorResponses },
        },
      },
      async () => ({ templates: (await service.templates()).map(templateView) }),
    );
    app.post(
      '/v1/message-templates',
      {
        config: admin,
        schema: {
          operationId: 'createMessageTemplate',
          tags,
          summary: 'Store a Liquid template (zh/en variants allowed)',
          body: TemplateInput,
          response: { 201: AnyObject, 409: ProblemSchema, ...errorResponses },
        },
      },
      async (request, reply) => reply.status(201).send(templateView(await service.saveTemplate(request.body as never))),
    );
    app.put(
      '/v1/message-templates/:id',
      {
        config: admin,
        schema: {
          operationId: 'updateMessageTemplate',
          tags,
          summary: 'Replace a template',
          params: IdParams,
          body: TemplateInput,
          response: { 200: AnyObject, 404: ProblemSchema, ...errorResponses },
        },
      },
      async (request) =>
        templateView(
          await service.saveTemplate({ ...(request.body as never as object), id: request.params.id } as never),
        ),
    );
    app.delete(
      '/v1/message-templates/:id',
      {
        config: admin,
        schema: {
          operationId: 'deleteMessageTemplate',
          tags,
          summary: 'Delete a template',
          params: IdParams,
          response: { 204: Type.Null(), 404: ProblemSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        await service.deleteTemplate(request.params.id);
        return reply.status(204).send(null);
      },
    );
    app.post(
      '/v1/message-templates/render',
      {
        config: admin,
        schema: {
          operationId: 'renderMessageTemplate',
          tags,
          summary: 'Render content for a customer as it would be sent now (live preview)',
          body: Type.Object(
            {
              content: TemplateInput.properties.content,
              customerId: Type.String({ minLength: 1 }),
              trigger: Type.Optional(AnyObject),
            },
            { additionalProperties: false },
          ),
          response: { 200: AnyObject, 404: ProblemSchema, ...errorResponses },
        },
      },
      async (request) =>
        service.render(request.body.content as never, request.body.customerId, request.body.trigger ?? {}),
    );

    // The public ends of messages: reached from e-mail clients, so no key; each link is signed.
    const UnsubscribeQuery = Type.Object({
      c: Type.String({ minLength: 1 }),
      ch: Type.String({ minLength: 1 }),
      s: Type.String({ minLength: 1 }),
    });
    app.get(
      '/v1/unsubscribe',
      {
        schema: {
          operationId: 'getUnsubscribePage',
          tags,
          summary: 'Unsubscribe link in messages (signed): withdraws consent on the channel',
          querystring: UnsubscribeQuery,
        },
      },
      async (request, reply) => {
        await service.unsubscribe(request.query.c, request.query.ch, request.query.s);
        return reply
          .type('text/html; charset=utf-8')
          .send(
            `<!doctype html><meta charset="utf-8"><title>Unsubscribed</title><p>已退订 — you will not get ${escapeHtml(request.query.ch)} messages from us any more.</p>`,
          );
      },
    );
    app.post(
      '/v1/unsubscribe',
      {
        schema: {
          operationId: 'unsubscribe',
          tags,
          summary: 'One-click unsubscribe (RFC 8058 List-Unsubscribe-Post)',
          querystring: UnsubscribeQuery,
        },
      },
      async (request, reply) => {
        await service.unsubscribe(request.query.c, request.query.ch, request.query.s);
        return reply.status(200).send({ unsubscribed: true });
      },
    );
    app.get(
      '/v1/t/o/:id',
      {
        schema: {
          operationId: 'trackMessageOpen',
          tags,
          summary: 'Open pixel',
          params: IdParams,
          querystring: Type.Object({ s: Type.String() }),
        },
      },
      async (request, reply) => {
        await service.opened(request.params.id, request.query.s);
        return reply.header('cache-control', 'no-store').type('image/gif').send(PIXEL);
      },
    );
    app.get(
      '/v1/t/c/:id',
      {
        schema: {
          operationId: 'trackMessageClick',
          tags,
          summary: 'Click-tracking redirect',
          params: IdParams,
          querystring: Type.Object({ u: Type.String(), s: Type.String() }),
        },
      },
      async (request, reply) =>
        reply.redirect(await service.clicked(request.params.id, request.query.u, request.query.s), 302),
    );
  };
