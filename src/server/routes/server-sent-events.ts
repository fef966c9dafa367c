/**
 * Server-sent events for a route: the response is a stream sent through Fastify (so CORS, security headers
 * and the access log apply as to any reply), written by `produce` and ended when it settles. An error after
 * the headers went out cannot change the status any more: it becomes an `error` event carrying a problem.
 */
import { PassThrough } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { DaogouError } from '../../domain/index.js';
import { problemType, type Problem } from '../problem.js';

/** Writes one event. */
export type SendEvent = (event: string, data: unknown) => void;

/** Answers with `text/event-stream` and lets `produce` write the events. */
export async function sendEvents(reply: FastifyReply, produce: (send: SendEvent) => Promise<void>): Promise<void> {
  const stream = new PassThrough();
  const send: SendEvent = (event, data) => {
    if (!stream.writableEnded) stream.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  void reply
    .type('text/event-stream; charset=utf-8')
    .header('cache-control', 'no-cache')
    // Proxies (nginx) would otherwise hold the pieces back until the end.
    .header('x-accel-buffering', 'no')
    .send(stream);
  try {
    await produce(send);
  } catch (error) {
    reply.log.error({ err: error }, 'event stream failed');
    send('error', eventProblem(error));
  } finally {
    stream.end();
  }
}

function eventProblem(error: unknown): Problem {
  if (error instanceof DaogouError) {
    return { type: problemType(error.kind), title: error.title, status: error.status, detail: error.message };
  }
  return {
    type: problemType('internal'),
    title: 'Internal error',
    status: 500,
    detail: 'an unexpected error occurred; it has been logged',
  };
}
