/**
 * The API's ingest thread (ingest-thread.ts starts it): reads, checks, normalises and stores the batches the
 * serving thread hands over as bytes, on a PostgreSQL pool of its own, with the same checks as the serving
 * thread's path for a secret key (schema, erased ids, event signatures, rules, strict items) and group commit.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Fastify from 'fastify';
import { EventService, IdentitySecret, PrivacyService, configuredClock } from '../platform/index.js';
import { Store } from '../store/store.js';
import { storageError } from '../store/storage-errors.js';
import { checkSecretKeyEvents } from './browser-events.js';
import { readEventBatch, syncJsonParser } from './event-batch.js';
import { lowerThreadPriority } from './thread-priority.js';
import {
  toWire,
  trackResultJson,
  type IngestReply,
  type IngestRequest,
  type IngestThreadInput,
} from './ingest-thread.js';

interface Services {
  events: EventService;
  privacy: PrivacyService;
  identitySecret: IdentitySecret;
}

async function open({ config }: IngestThreadInput): Promise<Services> {
  const store = await Store.open(config.databaseUrl, { secretKey: config.secretKey });
  // Every call on this thread passes the serving engine's time; the clock is only a fallback.
  const clock = configuredClock(config.now);
  return {
    events: new EventService(store, clock, config),
    privacy: new PrivacyService(store, clock, config.eraseMode),
    identitySecret: new IdentitySecret(store, config.identitySecret, clock, config.mergeMaxAgeSeconds * 1000),
  };
}

function serve(port: NonNullable<typeof parentPort>, input: IngestThreadInput): void {
  // The same parser (prototype-poisoning checks, errors) as the app's JSON routes.
  const parseJson = syncJsonParser(Fastify().getDefaultJsonParser('error', 'error'));
  let services: Promise<Services> | null = null;
  const track = async (request: IngestRequest) => {
    const events = readEventBatch(new Uint8Array(request.body), parseJson);
    // Opened on the first batch; a database that was down is tried again on the next one.
    services ??= open(input).catch((error: unknown) => {
      services = null;
      throw error;
    });
    const opened = await services;
    const checked = await checkSecretKeyEvents(opened, events);
    return opened.events.track(checked, {
      now: request.now,
      ...(request.strict !== undefined ? { strict: request.strict } : {}),
    });
  };
  port.on('message', (request: IngestRequest) => {
    // Batches run concurrently: the event service's group commit writes those that arrive together at once.
    void track(request).then(
      (result) =>
        port.postMessage({
          id: request.id,
          ok: true,
          received: result.received,
          json: trackResultJson(result),
        } satisfies IngestReply),
      (error: unknown) =>
        port.postMessage({
          id: request.id,
          ok: false,
          error: toWire(storageError(error) ?? error),
        } satisfies IngestReply),
    );
  });
}

if (parentPort) {
  const input = workerData as IngestThreadInput;
  // Before the thread does anything: its pool's threads (none yet) would inherit the priority.
  lowerThreadPriority(input.config.ingestThreadNice);
  serve(parentPort, input);
}
