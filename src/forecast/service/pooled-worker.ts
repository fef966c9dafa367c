/** The worker-thread side of {@link PooledThreads}: fits each pooled model it is sent and sends the model back. */
import { parentPort } from 'node:worker_threads';
import { fitPooledHere } from '../pooled-kinds.js';
import type { PooledThreadReply, PooledThreadRequest } from './pooled-threads.js';

const port = parentPort!;

port.on('message', ({ id, job }: PooledThreadRequest) => {
  let reply: PooledThreadReply;
  try {
    reply = { id, model: fitPooledHere([job])[0] };
  } catch (error) {
    reply = { id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  port.postMessage(reply);
});
