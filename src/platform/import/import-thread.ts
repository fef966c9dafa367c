/** The importing thread's side of the import worker: starts it and receives its prepared batches in order. */
import { ValidationError } from '../../domain/index.js';
import type { SourceSpec } from '../../datasets/source-spec.js';
import type { PreparedBatch, PrepareSettings } from './import-batch.js';
import type { ImportWorkerFailure, ImportWorkerInput } from './import-worker.js';
import { fromWire, type WireBatch } from './import-wire.js';
import { startModuleThread } from '../module-thread.js';

/**
 * Prepares the files on a worker thread and yields its batches. The worker reads ahead while the caller
 * writes (by up to `window` batches); it is stopped when the caller stops, whether by the end, an invalid
 * record or an error.
 */
export async function* prepareInWorker(
  specs: readonly SourceSpec[],
  settings: PrepareSettings,
  window = 3,
): AsyncGenerator<PreparedBatch> {
  const input: ImportWorkerInput = { specs: [...specs], settings, window };
  const worker = startModuleThread(import.meta.url, 'import-worker', {
    workerData: input,
    // The validators' library: some 270 modules, which tsx would otherwise see one by one (~0.3 s).
    preload: ['@sinclair/typebox', '@sinclair/typebox/compiler'],
  });
  const queue: (WireBatch | ImportWorkerFailure)[] = [];
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  worker.on('message', (message: WireBatch | ImportWorkerFailure) => {
    queue.push(message);
    notify();
  });
  worker.on('error', (error) => {
    failure ??= error;
    notify();
  });
  worker.on('exit', (code) => {
    failure ??= new Error(`the import worker stopped early (exit code ${code})`);
    notify();
  });
  try {
    for (;;) {
      while (queue.length === 0 && !failure) await new Promise<void>((resolve) => (wake = resolve));
      const message = queue.shift();
      if (!message) throw failure!;
      if (message.kind === 'error') throw rebuildError(message);
      yield fromWire(message);
      if (message.kind === 'end' || message.kind === 'invalid') return;
      // The batch is written: the worker may prepare one more.
      worker.postMessage(1);
    }
  } finally {
    await worker.terminate();
  }
}

function rebuildError(failure: ImportWorkerFailure): Error {
  const error: Error & { code?: string } = failure.issues
    ? new ValidationError(failure.issues, failure.message)
    : new Error(failure.message);
  if (failure.code !== undefined) error.code = failure.code;
  if (failure.stack !== undefined) error.stack = failure.stack;
  return error;
}
