/** A store connection's history import, as a job on the worker (never on the thread serving requests). */
import type { ConnectorService } from '../connectors/index.js';
import type { JobRecord } from '../store/repositories/job-repository.js';
import type { JobQueue } from './job-queue.js';

/** Imports a connected store's history through its REST API. */
export const CONNECTOR_SYNC_JOB = 'connectors.sync';

/** Registers the sync job. */
export function defineConnectorJobs(queue: JobQueue, connectors: ConnectorService): void {
  queue.define(CONNECTOR_SYNC_JOB, async (payload, ctx) => {
    const { connectorId } = payload as { connectorId: string };
    let pages = 0;
    // Progress has no known total (platforms page by cursor): report pages read, capped below done.
    return connectors.sync(connectorId, (message) => {
      pages += 1;
      void ctx.progress(Math.min(0.95, 1 - 1 / (1 + pages / 20)), message);
    });
  });
}

/** Queues a sync (or returns the one already queued or running for this connection). */
export async function enqueueConnectorSync(
  queue: JobQueue,
  connectors: ConnectorService,
  connectorId: string,
): Promise<JobRecord> {
  await connectors.markQueued(connectorId);
  // A failed sync is shown on the connection; the merchant fixes the credentials and starts another.
  return queue.enqueue(
    CONNECTOR_SYNC_JOB,
    { connectorId },
    { singletonKey: `${CONNECTOR_SYNC_JOB}:${connectorId}`, maxAttempts: 1 },
  );
}
