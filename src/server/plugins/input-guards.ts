/** Refuses, at the door, input that would break later: deep JSON, NUL characters in bodies and URLs. */
import type { FastifyInstance } from 'fastify';
import { ValidationError } from '../../domain/index.js';
import { jsonShapeProblem } from '../json-shape.js';

/** Replaces the JSON body parser with one that checks depth and NUL first, and checks URLs for NUL. */
export function registerInputGuards(app: FastifyInstance): void {
  // Fastify's own parser (prototype-poisoning checks included) does the parsing once the shape is fine.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const problem = jsonShapeProblem(body as string);
    if (problem !== undefined) {
      done(new ValidationError([{ field: '(body)', message: problem }]), undefined);
      return;
    }
    void parseJson(request, body as string, done);
  });
  app.addHook('onRequest', async (request) => {
    // `%00` decodes to NUL in a path parameter or query value; PostgreSQL text cannot hold it.
    if (request.url.includes('%00')) {
      throw new ValidationError([{ field: '(url)', message: 'the URL must not contain NUL characters (%00)' }]);
    }
  });
}
