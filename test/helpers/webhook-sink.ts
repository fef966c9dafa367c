/** A local HTTP server that records webhook deliveries and can answer with chosen statuses, for journey tests. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One received request. */
export interface SinkRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
  raw: string;
}

/** The sink. */
export interface WebhookSink {
  url: string;
  received: SinkRequest[];
  /** Answers the next requests with these statuses (and headers), then 200. */
  respondWith(...answers: { status: number; headers?: Record<string, string> }[]): void;
  close(): Promise<void>;
}

/** Starts a sink on 127.0.0.1 at a free port. */
export async function startWebhookSink(): Promise<WebhookSink> {
  const received: SinkRequest[] = [];
  const answers: { status: number; headers?: Record<string, string> }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const answer = answers.shift() ?? { status: 200 };
      if (answer.status < 300)
        received.push({
          path: req.url ?? '/',
          headers: req.headers,
          body: JSON.parse(raw || '{}') as Record<string, unknown>,
          raw,
        });
      res.writeHead(answer.status, answer.headers ?? {}).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    respondWith: (...a) => answers.push(...a),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
