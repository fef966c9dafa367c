/** Maps every error to problem+json: domain errors by their table entry, framework errors by status. */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DaogouError, StorageUnavailableError, ValidationError } from '../../domain/index.js';
import { storageError } from '../../store/storage-errors.js';
import { PROBLEM_CONTENT_TYPE, problemType, type Problem } from '../problem.js';

const MAX_LISTED_ISSUES = 100;

function frameworkProblem(error: FastifyError): Problem | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        type: problemType('body-too-large'),
        title: 'Request body too large',
        status: 413,
        detail: `${error.message}; send smaller batches (at most 10,000 records each)`,
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        type: problemType('unsupported-media-type'),
        title: 'Unsupported media type',
        status: 415,
        detail: error.message,
      };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return {
        type: problemType('malformed-json'),
        title: 'Malformed JSON',
        status: 400,
        detail: 'the request body is empty; a JSON document was expected',
      };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return {
        type: problemType('malformed-json'),
        title: 'Malformed JSON',
        status: 400,
        detail: `the request body is not valid JSON: ${error.message}`,
      };
    default:
      break;
  }
  if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH') {
    return {
      type: problemType('malformed-json'),
      title: 'Malformed JSON',
      status: 400,
      detail: `the request body is not valid JSON: ${error.message}`,
    };
  }
  if (error.statusCode === 429) {
    return { type: problemType('rate-limited'), title: 'Too many requests', status: 429, detail: error.message };
  }
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return { type: problemType('bad-request'), title: 'Bad request', status: error.statusCode, detail: error.message };
  }
  return undefined;
}

/** Sends a problem. */
export function sendProblem(reply: FastifyReply, request: FastifyRequest, problem: Problem): FastifyReply {
  return reply
    .status(problem.status)
    .type(PROBLEM_CONTENT_TYPE)
    .send({ ...problem, instance: request.url.split('?')[0] });
}

/** Installs the error and not-found handlers. */
export function registerProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const storage = storageError(error);
    if (storage) {
      request.log.warn({ err: error }, storage.message);
      // Clients and load balancers back off and retry a 503 carrying Retry-After.
      if (storage.status === 503) void reply.header('retry-after', '1');
      return sendProblem(reply, request, {
        type: problemType(storage.kind),
        title: storage.title,
        status: storage.status,
        detail: storage.message,
      });
    }
    if (error instanceof DaogouError) {
      // The ingest thread's storage failures arrive already typed: the same back-off hint.
      if (error instanceof StorageUnavailableError) void reply.header('retry-after', '1');
      const problem: Problem = {
        type: problemType(error.kind),
        title: error.title,
        status: error.status,
        detail: error.message,
      };
      // The detail already says how many there are; a response listing 10,000 issues helps nobody.
      if (error instanceof ValidationError) problem.errors = error.issues.slice(0, MAX_LISTED_ISSUES);
      return sendProblem(reply, request, problem);
    }
    const mapped = frameworkProblem(error);
    if (mapped) return sendProblem(reply, request, mapped);
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, request, {
      type: problemType('internal'),
      title: 'Internal error',
      status: 500,
      detail: 'an unexpected error occurred; it has been logged',
    });
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, request, {
      type: problemType('not-found'),
      title: 'Not found',
      status: 404,
      detail: `no route ${request.method} ${request.url.split('?')[0]}`,
    }),
  );
}
