/**
 * The body of `POST /v1/events/batch`, read from its bytes with the checks and errors every JSON route gets
 * (depth and NUL first, Fastify's JSON parser, then the schema through the app's validator compiler), so the
 * serving thread and the API's ingest thread answer a bad batch with the same problem, naming the record.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyBodyParser } from 'fastify';
import { EventInputSchema, ValidationError, type EventInput } from '../domain/index.js';
import { jsonShapeProblem } from './json-shape.js';
import { MAX_BATCH } from './routes/common-schemas.js';
import { validatorCompiler } from './validation.js';

/** The batch's body schema. */
export const EventBatchSchema = Type.Object(
  { events: Type.Array(EventInputSchema, { minItems: 1, maxItems: MAX_BATCH }) },
  { additionalProperties: false },
);

/** An event of a batch, with the server signature it may carry. */
export type BatchEvent = EventInput & { signature?: string };

const validate = validatorCompiler({ schema: EventBatchSchema, httpPart: 'body', method: 'POST', url: '' });

/** Fastify's JSON parser (what `getDefaultJsonParser('error', 'error')` gives), made synchronous. */
export function syncJsonParser(parser: FastifyBodyParser<string>): (text: string) => unknown {
  return (text) => {
    const outcome: { error: Error | null; value?: unknown } = { error: null };
    // The default parser calls back before it returns.
    void parser(undefined as never, text, (error, value) => {
      outcome.error = error;
      outcome.value = value;
    });
    if (outcome.error) throw outcome.error;
    return outcome.value;
  };
}

/** The events of a batch body, or the error the app answers for it (400 naming each bad field). */
export function readEventBatch(body: Uint8Array, parseJson: (text: string) => unknown): BatchEvent[] {
  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  const problem = jsonShapeProblem(text);
  if (problem !== undefined) throw new ValidationError([{ field: '(body)', message: problem }]);
  const result = validate(parseJson(text)) as { value?: { events: BatchEvent[] }; error?: Error };
  if (result.error) throw result.error;
  return result.value!.events;
}
