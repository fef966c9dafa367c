/**
 * HTTP/1.1 POSTs pipelined over a few kept-alive plain-TCP connections per origin: the requests issued in one
 * turn of the event loop go out in one write per connection, and the answers are parsed from whatever arrives.
 * node:http wrote each request with its own `writev` and built a ClientRequest, an IncomingMessage and their
 * streams per message: at a local sink those were about 40 % of a sender's CPU.
 *
 * Answers come back in request order (HTTP/1.1 pipelining). A request that an answer with `Connection: close`
 * left unanswered was never processed (RFC 9112 §9.6) and is sent again on a new connection; after such an
 * answer the origin gets one request per connection at a time. A connection that fails or times out fails its
 * unanswered requests (they may have been processed: the caller retries them with the same message id).
 */
import net from 'node:net';

/** The answer to a POST: status and the Retry-After header; the body is read and dropped. */
export interface PostAnswer {
  status: number;
  retryAfter: string | null;
}

/** Connections per origin, and unanswered requests per connection before another one is opened. */
const MAX_CONNECTIONS = 8;
const DEPTH = 32;
/** An idle connection older than this is closed before use (servers close idle ones, Node's after 5 s). */
const IDLE_MS = 4_000;

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const BAD_VALUE = /[\r\n\0]/;
/** Headers the client writes itself; a caller's own are left out. */
const OWN_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection']);
const CRLF2 = Buffer.from('\r\n\r\n');

interface Request {
  text: string;
  resolve(answer: PostAnswer): void;
  reject(error: Error): void;
  /** Sent again once already (after a `Connection: close`). */
  resent: boolean;
}

/** Where a URL's requests go. */
interface Target {
  origin: Origin;
  /** `POST <path> HTTP/1.1\r\nhost: <host>\r\n`. */
  start: string;
}

const targets = new Map<string, Target | Error>();
const origins = new Map<string, Origin>();

function targetOf(url: string): Target | Error {
  let target = targets.get(url);
  if (target) return target;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:') throw new Error(`unsupported protocol ${parsed.protocol}`);
    const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
    const port = Number(parsed.port || 80);
    const key = `${host}:${port}`;
    let origin = origins.get(key);
    if (!origin) origins.set(key, (origin = new Origin(host, port)));
    target = { origin, start: `POST ${parsed.pathname}${parsed.search} HTTP/1.1\r\nhost: ${parsed.host}\r\n` };
  } catch (error) {
    target = error instanceof Error && error.message.startsWith('unsupported') ? error : new Error(`not a URL: ${url}`);
  }
  if (targets.size > 10_000) targets.clear();
  targets.set(url, target);
  return target;
}

/**
 * POSTs `body` to a plain `http:` URL over the origin's pipelined connections; rejects on a network error, a
 * bad header, or when the connection gave no answer for `timeoutMs`.
 */
export function pipelinedPost(
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<PostAnswer> {
  const target = targetOf(url);
  if (target instanceof Error) return Promise.reject(target);
  let text = target.start;
  for (const name in headers) {
    const value = headers[name]!;
    if (!TOKEN.test(name) || BAD_VALUE.test(value))
      return Promise.reject(new Error(`invalid header ${JSON.stringify(name)}`));
    if (OWN_HEADERS.has(name.toLowerCase())) continue;
    text += `${name}: ${value}\r\n`;
  }
  text += `content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
  return new Promise((resolve, reject) => target.origin.send({ text, resolve, reject, resent: false }, timeoutMs));
}

/** The connections to one host and port. */
class Origin {
  private readonly connections: Connection[] = [];
  /** One request per connection once the server closed a connection with requests still unanswered. */
  private depth = DEPTH;

  constructor(
    readonly host: string,
    readonly port: number,
  ) {}

  send(request: Request, timeoutMs: number): void {
    const now = Date.now();
    let best: Connection | undefined;
    for (let i = this.connections.length - 1; i >= 0; i--) {
      const c = this.connections[i]!;
      if (c.waiting === 0 && now - c.lastUsed > IDLE_MS) {
        this.connections.splice(i, 1);
        c.close();
        continue;
      }
      if (c.usable && (!best || c.waiting < best.waiting)) best = c;
    }
    if (!best || (best.waiting >= this.depth && this.connections.length < MAX_CONNECTIONS)) {
      best = new Connection(this, timeoutMs);
      this.connections.push(best);
    }
    best.send(request, now);
  }

  /** A connection is done: forget it; requests it must hand back are sent again elsewhere. */
  closed(connection: Connection, unsent: Request[], serverClosed: boolean): void {
    const at = this.connections.indexOf(connection);
    if (at >= 0) this.connections.splice(at, 1);
    if (serverClosed && unsent.length > 0) this.depth = 1;
    for (const r of unsent) this.send(r, connection.timeoutMs);
  }
}

const enum State {
  Head,
  Body,
  ChunkSize,
  ChunkData,
  Trailers,
  UntilClose,
}

/** One kept-alive connection with its requests in flight, answered in order. */
class Connection {
  private readonly socket: net.Socket;
  private readonly queue: Request[] = [];
  private head = 0;
  private corked = false;
  private done = false;
  /** The server said `Connection: close`: no more requests here. */
  private closing = false;
  private timer: NodeJS.Timeout | null = null;
  private buffer: Buffer | null = null;
  private state = State.Head;
  private remaining = 0;
  private answer: PostAnswer = { status: 0, retryAfter: null };
  lastUsed = 0;

  constructor(
    private readonly origin: Origin,
    readonly timeoutMs: number,
  ) {
    this.socket = net.connect({ host: origin.host, port: origin.port, noDelay: true });
    this.socket.setKeepAlive(true, 30_000);
    this.socket.on('data', (chunk: Buffer) => this.onData(chunk));
    this.socket.on('error', (error) => this.fail(error));
    this.socket.on('close', () => {
      if (this.state === State.UntilClose && this.waiting > 0) this.complete();
      this.fail(new Error('the connection closed before the answer'));
    });
  }

  get waiting(): number {
    return this.queue.length - this.head;
  }

  get usable(): boolean {
    return !this.done && !this.closing;
  }

  send(request: Request, now: number): void {
    this.lastUsed = now;
    this.queue.push(request);
    if (this.waiting === 1) {
      this.socket.ref();
      if (this.timer) this.timer.refresh();
      else this.timer = setTimeout(() => this.onTimeout(), this.timeoutMs);
    }
    // Requests issued in the same turn of the event loop leave in one write.
    if (!this.corked) {
      this.corked = true;
      this.socket.cork();
      process.nextTick(() => {
        this.corked = false;
        this.socket.uncork();
      });
    }
    this.socket.write(request.text);
  }

  close(): void {
    this.done = true;
    if (this.timer) clearTimeout(this.timer);
    this.socket.destroy();
  }

  private onTimeout(): void {
    if (this.waiting === 0) return;
    this.socket.destroy(new Error(`no answer within ${this.timeoutMs} ms`));
  }

  /** Fails what is still unanswered (it may have been processed), or hands it back after a `Connection: close`. */
  private fail(error: Error): void {
    if (this.done) return;
    this.done = true;
    if (this.timer) clearTimeout(this.timer);
    this.socket.destroy();
    const unanswered = this.queue.slice(this.head);
    this.queue.length = 0;
    this.head = 0;
    // Mid-answer, the first request was processed; those after an answer that said close were not.
    const answering = this.state !== State.Head;
    const handBack: Request[] = [];
    for (const [i, r] of unanswered.entries()) {
      if (this.closing && !r.resent && !(answering && i === 0)) {
        r.resent = true;
        handBack.push(r);
      } else r.reject(error);
    }
    this.origin.closed(this, handBack, this.closing);
  }

  private complete(): void {
    const request = this.queue[this.head]!;
    this.queue[this.head++] = undefined as unknown as Request;
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
    request.resolve(this.answer);
    this.answer = { status: 0, retryAfter: null };
    this.state = State.Head;
    if (this.waiting === 0) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      this.socket.unref();
    } else this.timer?.refresh();
    if (this.closing) {
      // Requests after this answer were not processed: they go out again on another connection.
      this.socket.end();
      this.fail(new Error('the server closed the connection'));
    }
  }

  private onData(chunk: Buffer): void {
    const data = this.buffer ? Buffer.concat([this.buffer, chunk]) : chunk;
    this.buffer = null;
    let at = 0;
    while (at < data.length && !this.done) {
      if (this.waiting === 0) {
        this.socket.destroy(new Error('an answer to no request'));
        return;
      }
      if (this.state === State.Head) {
        const end = data.indexOf(CRLF2, at);
        if (end < 0) break;
        this.readHead(data.toString('latin1', at, end));
        at = end + 4;
      } else if (this.state === State.Body) {
        const take = Math.min(this.remaining, data.length - at);
        at += take;
        this.remaining -= take;
        if (this.remaining === 0) this.complete();
      } else if (this.state === State.ChunkSize) {
        const end = data.indexOf('\r\n', at, 'latin1');
        if (end < 0) break;
        const size = parseInt(data.toString('latin1', at, end), 16);
        at = end + 2;
        if (!Number.isFinite(size) || size < 0) {
          this.socket.destroy(new Error('a bad chunk in the answer'));
          return;
        }
        if (size === 0) this.state = State.Trailers;
        else {
          this.state = State.ChunkData;
          this.remaining = size + 2;
        }
      } else if (this.state === State.ChunkData) {
        const take = Math.min(this.remaining, data.length - at);
        at += take;
        this.remaining -= take;
        if (this.remaining === 0) this.state = State.ChunkSize;
      } else if (this.state === State.Trailers) {
        const end = data.indexOf('\r\n', at, 'latin1');
        if (end < 0) break;
        const empty = end === at;
        at = end + 2;
        if (empty) this.complete();
      } else at = data.length;
    }
    if (at < data.length && !this.done && this.state !== State.UntilClose) this.buffer = data.subarray(at);
  }

  private readHead(head: string): void {
    const status = Number(head.slice(9, 12));
    if (!head.startsWith('HTTP/1.') || !Number.isInteger(status)) {
      this.socket.destroy(new Error('not an HTTP/1.1 answer'));
      return;
    }
    if (status >= 100 && status < 200) return; // informational: the real answer follows
    let length = -1;
    let chunked = false;
    let retryAfter: string | null = null;
    for (let at = head.indexOf('\r\n'); at >= 0;) {
      const next = head.indexOf('\r\n', at + 2);
      const line = head.slice(at + 2, next < 0 ? head.length : next);
      at = next;
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (name === 'content-length') length = Number(value);
      else if (name === 'transfer-encoding') chunked = value.toLowerCase().includes('chunked');
      else if (name === 'retry-after') retryAfter = value;
      else if (name === 'connection' && value.toLowerCase().includes('close')) this.closing = true;
    }
    if (head.startsWith('HTTP/1.0') && !/\r\nconnection:\s*keep-alive/i.test(head)) this.closing = true;
    this.answer = { status, retryAfter };
    if (status === 204 || status === 304) this.complete();
    else if (chunked) this.state = State.ChunkSize;
    else if (length >= 0) {
      this.remaining = length;
      if (length === 0) this.complete();
      else this.state = State.Body;
    } else {
      this.closing = true;
      this.state = State.UntilClose;
    }
  }
}
