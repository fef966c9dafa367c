/**
 * Problems the router and Node's HTTP parser answer before any route runs (a bad or over-long URL,
 * over-large headers), in the same problem+json shape as every other error.
 */
import http from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, problemType, type Problem } from '../problem.js';

/** Fastify's `frameworkErrors` option: a malformed URL is a 400, a path segment over the limit a 414. */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
  const problem: Problem = tooLong
    ? {
        type: problemType('uri-too-long'),
        title: 'URI too long',
        status: 414,
        detail: 'a path segment is longer than the server accepts',
      }
    : { type: problemType('bad-url'), title: 'Bad request', status: 400, detail: 'the URL is malformed' };
  void reply
    .status(problem.status)
    .type(PROBLEM_CONTENT_TYPE)
    .send({ ...problem, instance: (request.url.split('?')[0] ?? '').slice(0, 200) });
}

// Node reports these before a request object exists, so the answer is written to the socket by hand.
const CLIENT_ERRORS: Record<string, { status: number; kind: string; title: string; detail: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    kind: 'headers-too-large',
    title: 'Request header fields too large',
    detail:
      'the request line and headers together exceed the server limit (16 KiB); send a shorter URL or fewer headers',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    kind: 'request-timeout',
    title: 'Request timeout',
    detail: 'the request was not received in time',
  },
};

/** Fastify's `clientErrorHandler` option: 431, 408 and 400 as problem+json instead of Fastify's own JSON. */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const known = error.code !== undefined ? CLIENT_ERRORS[error.code] : undefined;
  const entry = known ?? {
    status: 400,
    kind: 'bad-request',
    title: 'Bad request',
    detail: 'the request could not be parsed as HTTP',
  };
  const body = JSON.stringify({
    type: problemType(entry.kind),
    title: entry.title,
    status: entry.status,
    detail: entry.detail,
  });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${entry.status} ${http.STATUS_CODES[entry.status]}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
