/**
 * The serving thread's side of the API's ingest thread (ingest-thread-main.ts). A batch of 1,000 events cost
 * ~18 ms of CPU on the thread that answers requests (JSON, schema, erased-id check, normalising, building the
 * insert), and every recommendation or search that arrived behind it waited. On PostgreSQL the route hands the
 * body's bytes over (transferred, not copied) and the thread reads, checks and stores the batch on a small pool
 * of its own, answering only the counts and ids. On SQLite batches stay on the serving thread (see docs/scale.md).
 */
import type { Worker } from 'node:worker_threads';
import type { Config } from '../config/config.js';
import {
  ConflictError,
  DaogouError,
  ForbiddenError,
  NotFoundError,
  StorageFullError,
  StorageUnavailableError,
  UnavailableError,
  ValidationError,
  type FieldIssue,
} from '../domain/index.js';
import { startModuleThread, type TrackResult } from '../platform/index.js';

/** What the thread is started with (structured clone). */
export interface IngestThreadInput {
  config: Config;
}

/** One batch: its bytes and what the route read from the request. */
export interface IngestRequest {
  id: number;
  body: ArrayBuffer;
  strict?: boolean;
  /** The serving engine's clock at the request (a test's clock cannot cross threads). */
  now: number;
}

/** An error as it crosses back: a domain error by kind, a parser error by code, anything else by message. */
export type WireError =
  | { kind: 'domain'; errorKind: string; message: string; issues?: FieldIssue[] }
  | { kind: 'framework'; code: string; message: string; statusCode: number }
  | { kind: 'internal'; message: string };

/**
 * A stored batch's answer: how many events it received, and the response body already written as JSON. The body
 * (1,000 ids for a full batch) crossed as an object before: cloned out of the thread, cloned in, then written by
 * the route's serializer, all but the first on the serving thread. One string crosses as one copy.
 */
export interface IngestAnswer {
  received: number;
  /** `{ received, stored, duplicates, ids }` as JSON, the route's 202 body. */
  json: string;
}

/** The thread's answer to one batch. */
export type IngestReply = ({ id: number; ok: true } & IngestAnswer) | { id: number; ok: false; error: WireError };

/** The 202 body of a tracked batch: the fields in the response schema's order, as its serializer writes them. */
export function trackResultJson(result: TrackResult): string {
  const { received, stored, duplicates, ids } = result;
  return JSON.stringify({ received, stored, duplicates, ids });
}

/** Connections of the thread's own pool: one write transaction at a time (group commit) and the reads beside it. */
const INGEST_POOL_SIZE = 4;

const DOMAIN_ERRORS: Record<string, new (message: string) => DaogouError> = {
  forbidden: ForbiddenError,
  'not-found': NotFoundError,
  conflict: ConflictError,
  unavailable: UnavailableError,
  'storage-unavailable': StorageUnavailableError,
  'storage-full': StorageFullError,
};

/** The error the app answers for a wire error: the same problem the serving thread would have given. */
export function fromWire(error: WireError): Error {
  if (error.kind === 'framework') return Object.assign(new Error(error.message), error);
  if (error.kind === 'internal') return new Error(`the ingest thread failed: ${error.message}`);
  if (error.errorKind === 'validation') return new ValidationError(error.issues ?? [], error.message);
  const Kind = DOMAIN_ERRORS[error.errorKind];
  return Kind ? new Kind(error.message) : new Error(error.message);
}

/** The wire form of an error thrown on the thread. */
export function toWire(error: unknown): WireError {
  if (error instanceof DaogouError)
    return {
      kind: 'domain',
      errorKind: error.kind,
      message: error.message,
      ...(error instanceof ValidationError ? { issues: error.issues } : {}),
    };
  const { code, statusCode } = error as { code?: unknown; statusCode?: unknown };
  if (error instanceof Error && typeof code === 'string' && code.startsWith('FST_') && typeof statusCode === 'number')
    return { kind: 'framework', code, message: error.message, statusCode };
  return { kind: 'internal', message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}

/** Whether batches go to an ingest thread: PostgreSQL only (SQLite keeps its one writer on the serving thread). */
export function ingestThreadFits(databaseUrl: string): boolean {
  return /^postgres(ql)?:/.test(databaseUrl);
}

/** The ingest thread, started when the server listens or on the first batch. */
export class IngestThread {
  private worker: Worker | null = null;
  private next = 1;
  private readonly pending = new Map<number, { resolve: (r: IngestAnswer) => void; reject: (e: Error) => void }>();

  constructor(private readonly config: Config) {}

  private start(): Worker {
    const size = Math.min(INGEST_POOL_SIZE, Number(process.env.DAOGOU_PG_POOL_SIZE ?? INGEST_POOL_SIZE));
    const input: IngestThreadInput = { config: this.config };
    const worker = startModuleThread(import.meta.url, 'ingest-thread-main', {
      workerData: input,
      env: { ...process.env, DAOGOU_PG_POOL_SIZE: String(size) },
    });
    // Idle, it must not keep a process (a test, a CLI) alive.
    worker.unref();
    worker.on('message', (reply: IngestReply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if (reply.ok) p.resolve({ received: reply.received, json: reply.json });
      else p.reject(fromWire(reply.error));
    });
    const fail = (error: Error) => {
      // The next batch starts a fresh thread; these are answered 500 (the client sends them again).
      if (this.worker === worker) this.worker = null;
      for (const p of this.pending.values()) p.reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the ingest thread stopped (exit code ${code})`)));
    return worker;
  }

  /** Starts the thread (and its store) ahead of the first batch. */
  warm(): void {
    this.worker ??= this.start();
  }

  /**
   * Reads, checks and stores a batch body on the thread; `body` is handed over and unusable afterwards. Resolves
   * with the count and the response body as JSON.
   */
  track(body: Buffer, options: { strict?: boolean; now: number }): Promise<IngestAnswer> {
    this.worker ??= this.start();
    const worker = this.worker;
    const id = this.next++;
    // A body that owns its whole memory is transferred; one inside a shared pool (small bodies) is copied.
    const owned = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength;
    const bytes = (
      owned ? body.buffer : body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength)
    ) as ArrayBuffer;
    const request: IngestRequest = {
      id,
      body: bytes,
      now: options.now,
      ...(options.strict !== undefined ? { strict: options.strict } : {}),
    };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage(request, [bytes]);
    });
  }

  /** Stops the thread (its pool closes with it); batches in flight are answered with an error. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }
}
