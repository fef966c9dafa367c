/** /v1/experiments and /v1/attribution: definitions, assignment and exposure, read-outs, stateless analysis. */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ValidationError } from '../../domain/index.js';
import type { Engine } from '../../engine/engine.js';
import { summarizeMeans, summaryIssues } from '../../experiments/index.js';
import { enqueueResults } from '../../jobs/experiment-jobs.js';
import { requestSubject } from '../experiment-subject.js';
import { IdParams, ProblemSchema, errorResponses } from './common-schemas.js';
import {
  AssignmentSchema,
  AssignmentsBodySchema,
  ExperimentInputSchema,
  ExperimentSchema,
  SubjectSchema,
  SummaryInputSchema,
  SummaryOutputSchema,
  experimentView,
} from './experiment-schemas.js';
import { JobSchema, jobView } from './jobs.js';

const tags = ['experiments'];
const admin = { permission: 'admin' as const };
const track = { permission: 'track' as const };
const SUBJECT_DOC =
  'Send `anonymousId`, or `customerId` (a browser key must send the customer token in `X-Customer-Token`). ';

/** Experiment routes. */
export const experimentRoutes =
  (engine: Engine): FastifyPluginAsyncTypebox =>
  async (app) => {
    const experiments = engine.experiments;
    const one = { 200: ExperimentSchema, 404: ProblemSchema, ...errorResponses };

    app.post(
      '/v1/experiments',
      {
        config: admin,
        schema: {
          tags,
          operationId: 'createExperiment',
          summary: 'Create an experiment or bandit (running unless start is false)',
          body: ExperimentInputSchema,
          response: { 201: ExperimentSchema, 409: ProblemSchema, ...errorResponses },
        },
      },
      async (request, reply) => reply.status(201).send(experimentView(await experiments.create(request.body))),
    );

    app.get(
      '/v1/experiments',
      {
        config: admin,
        schema: {
          tags,
          operationId: 'listExperiments',
          summary: 'Every experiment, newest first',
          querystring: Type.Object({
            status: Type.Optional(
              Type.Union([Type.Literal('draft'), Type.Literal('running'), Type.Literal('stopped')]),
            ),
          }),
          response: { 200: Type.Object({ experiments: Type.Array(ExperimentSchema) }), ...errorResponses },
        },
      },
      async (request) => ({ experiments: (await experiments.list(request.query.status)).map(experimentView) }),
    );

    app.post(
      '/v1/experiments/analyze',
      {
        config: admin,
        schema: {
          tags,
          operationId: 'analyzeSummary',
          summary:
            'Analyse per-variant sums (n, sum, sumSquares; the first is the control): fixed-horizon Welch and delta method',
          body: SummaryInputSchema,
          response: { 200: SummaryOutputSchema, ...errorResponses },
        },
      },
      async (request) => {
        const issues = summaryIssues(request.body.variants);
        if (issues.length > 0) throw new ValidationError(issues);
        return summarizeMeans(request.body.variants, request.body.alpha ?? 0.05);
      },
    );

    app.post(
      '/v1/experiments/assignments',
      {
        config: track,
        schema: {
          tags,
          operationId: 'listAssignments',
          summary: "The caller's variant in every running experiment (optionally of one surface); records nothing",
          description: SUBJECT_DOC + 'Use the variants as flags; report what was shown with the expose route.',
          body: AssignmentsBodySchema,
          response: { 200: Type.Object({ assignments: Type.Array(AssignmentSchema) }), ...errorResponses },
        },
      },
      async (request) => {
        const { surface, ...ids } = request.body;
        const subject = await requestSubject(engine, request, ids);
        return { assignments: await experiments.assignAll(subject, surface) };
      },
    );

    app.get(
      '/v1/experiments/:id',
      {
        config: admin,
        schema: {
          tags,
          operationId: 'getExperiment',
          summary: 'One experiment (by id or name)',
          params: IdParams,
          response: one,
        },
      },
      async (request) => experimentView(await experiments.get(request.params.id)),
    );

    app.post(
      '/v1/experiments/:id/start',
      {
        config: admin,
        schema: {
          tags,
          operationId: 'startExperiment',
          summary: 'Start (or restart) an experiment',
          params: IdParams,
          response: one,
        },
      },
      async (request) => experimentView(await experiments.start(request.params.id)),
    );

    app.post(
      '/v1/experiments/:id/stop',
      {
        config: admin,
        schema: {
          tags,
          operationId: 'stopExperiment',
          summary: 'Stop an experiment; exposures and results are kept',
          params: IdParams,
          response: one,
        },
      },
      async (request) => experimentView(await experiments.stop(request.params.id)),
    );

    app.delete(
      '/v1/experiments/:id',
      {
        config: admin,
        schema: {
          tags,
          operationId: 'deleteExperiment',
          summary: 'Delete an experiment with its exposures and results',
          params: IdParams,
          response: { 204: Type.Null(), 404: ProblemSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        await experiments.delete(request.params.id);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/v1/experiments/:id/assign',
      {
        config: track,
        schema: {
          tags,
          operationId: 'assignVariant',
          summary: 'The variant for a visitor (deterministic, sticky across identity merges); records nothing',
          description: SUBJECT_DOC,
          params: IdParams,
          body: SubjectSchema,
          response: { 200: AssignmentSchema, 404: ProblemSchema, ...errorResponses },
        },
      },
      async (request) => experiments.assign(request.params.id, await requestSubject(engine, request, request.body)),
    );

    app.post(
      '/v1/experiments/:id/expose',
      {
        config: track,
        schema: {
          tags,
          operationId: 'exposeVariant',
          summary: 'Record that a visitor was shown their variant (the first exposure counts) and return it',
          description: SUBJECT_DOC + 'Call it only when the variant is actually shown.',
          params: IdParams,
          body: SubjectSchema,
          response: {
            200: Type.Intersect([AssignmentSchema, Type.Object({ recorded: Type.Boolean() })]),
            404: ProblemSchema,
            ...errorResponses,
          },
        },
      },
      async (request) => experiments.expose(request.params.id, await requestSubject(engine, request, request.body)),
    );

    app.get(
      '/v1/experiments/:id/results',
      {
        config: admin,
        schema: {
          tags,
          operationId: 'getExperimentResults',
          summary: 'The latest computed read-out; when none is stored yet, a job computing it (202)',
          description:
            'Read-outs are computed by a background job (every 15 minutes for running experiments, or on POST to this path).',
          params: IdParams,
          response: {
            200: Type.Object({
              experimentId: Type.String(),
              computedAt: Type.String({ format: 'date-time' }),
              exposures: Type.Integer(),
              results: Type.Unknown({ description: 'analysis, exposures, series, holdout, banditShares' }),
            }),
            202: JobSchema,
            404: ProblemSchema,
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        const e = await experiments.get(request.params.id);
        const stored = await experiments.results(e.id);
        if (!stored) return reply.status(202).send(jobView(await enqueueResults(engine.jobs, e.id)));
        return {
          experimentId: e.id,
          computedAt: new Date(stored.computedAt).toISOString(),
          exposures: stored.exposures,
          results: stored.results,
        };
      },
    );

    app.post(
      '/v1/experiments/:id/results',
      {
        config: admin,
        schema: {
          tags,
          operationId: 'computeExperimentResults',
          summary: 'Recompute the read-out in the background; returns the job',
          params: IdParams,
          response: { 202: JobSchema, 404: ProblemSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const e = await experiments.get(request.params.id);
        return reply.status(202).send(jobView(await enqueueResults(engine.jobs, e.id)));
      },
    );

    app.get(
      '/v1/attribution',
      {
        config: admin,
        schema: {
          tags,
          operationId: 'getAttribution',
          summary:
            'Orders attributed to touchpoints (recommendation lists, search, campaigns, channels) under six models',
          querystring: Type.Object({
            days: Type.Integer({ minimum: 1, maximum: 365, default: 30 }),
            halfLifeDays: Type.Number({ exclusiveMinimum: 0, maximum: 365, default: 7 }),
          }),
          response: {
            200: Type.Object({
              journeys: Type.Integer(),
              conversions: Type.Integer(),
              revenue: Type.Number(),
              models: Type.Record(
                Type.String(),
                Type.Array(Type.Object({ channel: Type.String(), conversions: Type.Number(), value: Type.Number() })),
              ),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => experiments.attribution(request.query.days, request.query.halfLifeDays),
    );
  };
