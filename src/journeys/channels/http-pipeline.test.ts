import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { pipelinedPost } from './http-pipeline.js';

const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

/** A raw TCP server: `answer` gets each connection's received text so far and writes what it wants. */
async function rawServer(onData: (socket: net.Socket, received: string) => void): Promise<string> {
  const server = net.createServer((socket) => {
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString('utf8');
      onData(socket, received);
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => server.close());
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook?x=1`;
}

/** Complete requests in a pipelined stream (each with its content-length body). */
function requestsIn(text: string): { head: string; body: string }[] {
  const out: { head: string; body: string }[] = [];
  let rest = Buffer.from(text);
  for (;;) {
    const end = rest.indexOf('\r\n\r\n');
    if (end < 0) return out;
    const head = rest.subarray(0, end).toString();
    const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? 0);
    if (rest.length < end + 4 + length) return out;
    out.push({ head, body: rest.subarray(end + 4, end + 4 + length).toString() });
    rest = rest.subarray(end + 4 + length);
  }
}

describe('pipelined HTTP/1.1 POST', () => {
  it('sends many at once to a node:http server, each body whole and each answered', async () => {
    const bodies: string[] = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body += c));
      req.on('end', () => {
        bodies.push(`${String(req.headers['x-n'])}:${body}`);
        res.writeHead(Number(req.headers['x-n']) % 7 === 0 ? 503 : 200, { 'retry-after': '3' }).end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => server.close());
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/in`;
    const answers = await Promise.all(
      Array.from({ length: 300 }, (_, i) => pipelinedPost(url, { 'x-n': String(i) }, `{"n":${i},"名":"商品"}`, 5000)),
    );
    expect(answers.map((a) => a.status)).toEqual(Array.from({ length: 300 }, (_, i) => (i % 7 === 0 ? 503 : 200)));
    expect(answers[0]!.retryAfter).toBe('3');
    expect(bodies.sort()).toEqual(Array.from({ length: 300 }, (_, i) => `${i}:{"n":${i},"名":"商品"}`).sort());
  });

  it('reads chunked answers with trailers and 1xx answers, arriving a byte at a time', async () => {
    const url = await rawServer((socket, received) => {
      const n = requestsIn(received).length;
      if (n < 2 || socket.readableEnded) return;
      socket.pause();
      const answer =
        'HTTP/1.1 100 Continue\r\n\r\n' +
        'HTTP/1.1 429 Too Many\r\nRetry-After: 7\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n0\r\nX-T: 1\r\n\r\n' +
        'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello';
      void (async () => {
        for (const ch of answer) {
          socket.write(ch);
          await new Promise((resolve) => setImmediate(resolve));
        }
      })();
    });
    const [a, b] = await Promise.all([pipelinedPost(url, {}, '{}', 5000), pipelinedPost(url, {}, '[]', 5000)]);
    expect(a).toEqual({ status: 429, retryAfter: '7' });
    expect(b).toEqual({ status: 200, retryAfter: null });
  });

  it('sends again on a new connection what a server left unanswered when it closed', async () => {
    let connections = 0;
    const seen: string[] = [];
    const url = await rawServer((socket, received) => {
      const requests = requestsIn(received);
      if (requests.length === 0 || (socket as net.Socket & { answered?: boolean }).answered) return;
      (socket as net.Socket & { answered?: boolean }).answered = true;
      connections += 1;
      // Answers only the first request of each connection, then closes it.
      seen.push(requests[0]!.body);
      socket.end('HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    });
    const answers = await Promise.all(Array.from({ length: 5 }, (_, i) => pipelinedPost(url, {}, `{"i":${i}}`, 5000)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(seen.sort()).toEqual([0, 1, 2, 3, 4].map((i) => `{"i":${i}}`));
    expect(connections).toBe(5);
  });

  it('fails what gets no answer in time, and refuses a header that would split the request', async () => {
    const url = await rawServer(() => undefined);
    await expect(pipelinedPost(url, {}, '{}', 200)).rejects.toThrow(/no answer within 200 ms/);
    await expect(pipelinedPost(url, { 'x-a': 'b\r\nx-evil: 1' }, '{}', 200)).rejects.toThrow(/invalid header/);
    await expect(pipelinedPost('http://127.0.0.1:1/none', {}, '{}', 2000)).rejects.toThrow();
  });
});
