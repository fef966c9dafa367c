/** /v1/imports: upload a CSV or JSONL file (ours or a public format) and import it as a background job. */
import path from 'node:path';
import { Readable } from 'node:stream';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PayloadTooLargeError, ValidationError } from '../../domain/index.js';
import { ADAPTERS } from '../../datasets/adapters/index.js';
import type { Engine } from '../../engine/engine.js';
import { startImport } from '../../jobs/import-jobs.js';
import { ProblemSchema, errorResponses } from './common-schemas.js';
import { JobSchema, jobView } from './jobs.js';

/** Media types the upload may be sent as. */
export const IMPORT_CONTENT_TYPES = [
  'text/csv',
  'application/x-ndjson',
  'application/jsonl',
  'application/octet-stream',
];

const ImportQuery = Type.Object({
  kind: Type.Optional(
    Type.Union([Type.Literal('items'), Type.Literal('customers'), Type.Literal('events')], {
      description: 'what the file holds (not needed with `adapter`)',
    }),
  ),
  format: Type.Optional(
    Type.Union([Type.Literal('csv'), Type.Literal('jsonl')], {
      description: 'default: from the content type (text/csv → csv, application/x-ndjson or jsonl → jsonl)',
    }),
  ),
  adapter: Type.Optional(
    Type.Union(
      ADAPTERS.map((a) => Type.Literal(a.name)),
      { description: 'a public dataset format whose data is one file' },
    ),
  ),
  skipInvalid: Type.Optional(
    Type.Boolean({ description: 'import the valid lines and list the invalid ones (default: all or nothing)' }),
  ),
  strict: Type.Optional(Type.Boolean({ description: 'reject events naming items not in the catalogue' })),
  filename: Type.Optional(Type.String({ maxLength: 200, description: 'the file name to show in messages' })),
});

/** Import routes. */
export const importRoutes =
  (engine: Engine): FastifyPluginAsyncTypebox =>
  async (app) => {
    const limit = engine.config.importLimitBytes;
    // Only this plugin's routes take raw files: the body stays a stream and is written to disk as it arrives.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser(IMPORT_CONTENT_TYPES, (_request, payload, done) => done(null, payload));

    app.post(
      '/v1/imports',
      {
        config: { permission: 'admin' },
        bodyLimit: limit,
        schema: {
          operationId: 'createImport',
          tags: ['imports'],
          summary: 'Upload a file and import it in the background (returns the job; poll GET /v1/jobs/{id})',
          description:
            'Send the file itself as the body (`text/csv`, `application/x-ndjson`, `application/jsonl` or `application/octet-stream`). ' +
            'The job reports progress as the share of lines read; when done its `result` holds counts (and with `skipInvalid` the first rejected lines); ' +
            'when an invalid line stops the import nothing is stored, the job fails, and `result.error.issues` names the line and field.',
          querystring: ImportQuery,
          response: { 202: JobSchema, 413: ProblemSchema, 415: ProblemSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const declared = Number(request.headers['content-length'] ?? Number.NaN);
        if (declared > limit) {
          throw new PayloadTooLargeError(`the file is larger than the import limit of ${limit} bytes`);
        }
        if (!(request.body instanceof Readable)) {
          throw new ValidationError([{ field: 'body', message: 'send the file as the request body' }]);
        }
        const job = await startImport(
          engine.jobs,
          request.body,
          {
            ...request.query,
            ...(request.headers['content-type'] ? { contentType: request.headers['content-type'] } : {}),
          },
          { uploadsDir: path.join(engine.config.dataDir, 'imports'), limitBytes: limit },
        ).catch((error: unknown) => {
          // The client may still be sending: close the connection rather than read the rest.
          if (error instanceof PayloadTooLargeError) void reply.header('connection', 'close');
          throw error;
        });
        return reply.status(202).send(jobView(job));
      },
    );
  };
