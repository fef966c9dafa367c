/** /v1/jobs: the status of background jobs (analytics runs and others started through the API). */
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { NotFoundError, toIso } from '../../domain/index.js';
import type { Engine } from '../../engine/engine.js';
import type { JobRecord } from '../../store/repositories/job-repository.js';
import { ProblemSchema, errorResponses } from './common-schemas.js';

const nullableTime = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);

/** A job as the API shows it. */
export const JobSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    status: Type.String({ description: 'queued, running, done, failed or cancelled' }),
    attempts: Type.Integer(),
    progress: Type.Union([Type.Number(), Type.Null()]),
    message: Type.Union([Type.String(), Type.Null()]),
    result: Type.Unknown({ description: 'what the job returned, once done' }),
    lastError: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
    startedAt: nullableTime,
    finishedAt: nullableTime,
  },
  { $id: 'Job' },
);

/** The API view of a job. */
export function jobView(job: JobRecord): Static<typeof JobSchema> {
  return {
    id: job.id,
    name: job.name,
    status: job.status,
    attempts: job.attempts,
    progress: job.progress,
    message: job.message,
    result: job.result ?? null,
    lastError: job.lastError,
    createdAt: toIso(job.createdAt),
    startedAt: job.startedAt === null ? null : toIso(job.startedAt),
    finishedAt: job.finishedAt === null ? null : toIso(job.finishedAt),
  };
}

/** Job routes. */
export const jobRoutes =
  (engine: Engine): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/v1/jobs/:id',
      {
        config: { permission: 'admin' },
        schema: {
          operationId: 'getJob',
          tags: ['operations'],
          summary: 'The status, progress and result of a background job',
          params: Type.Object({ id: Type.String() }),
          response: { 200: JobSchema, 404: ProblemSchema, ...errorResponses },
        },
      },
      async (request) => {
        const job = await engine.jobs.get(request.params.id);
        if (!job) throw new NotFoundError(`no job with id "${request.params.id}"`);
        return jobView(job);
      },
    );
  };
