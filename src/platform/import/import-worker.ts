/**
 * The import's worker thread: reads the files, validates and builds rows (see import-prepare.ts) and
 * posts each batch to the importing thread, which only writes. It runs at most `window` batches ahead,
 * told by a credit message per batch written, so a fast reader does not fill memory with a slow store.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openSourceBatches } from '../../datasets/open-source.js';
import type { ReadResult } from '../../datasets/parse-issue.js';
import type { SourceSpec } from '../../datasets/source-spec.js';
import type { FieldIssue } from '../../domain/index.js';
import type { PrepareSettings } from './import-batch.js';
import { prepareImport } from './import-prepare.js';
import { toWire } from './import-wire.js';

/** What the importing thread starts this worker with. */
export interface ImportWorkerInput {
  specs: SourceSpec[];
  settings: PrepareSettings;
  /** Batches that may be posted before the first is written. */
  window: number;
}

/** A failure inside the worker, as plain data (structured clone keeps only an error's message and stack). */
export interface ImportWorkerFailure {
  kind: 'error';
  name: string;
  message: string;
  stack?: string;
  code?: string;
  /** A ValidationError's issues. */
  issues?: FieldIssue[];
}

async function* batchesOf(specs: readonly SourceSpec[]): AsyncGenerator<ReadResult[]> {
  for (const spec of specs) yield* openSourceBatches(spec);
}

async function run(port: NonNullable<typeof parentPort>, input: ImportWorkerInput): Promise<void> {
  let credits = input.window;
  let wake: (() => void) | undefined;
  port.on('message', (granted: number) => {
    credits += granted;
    wake?.();
    wake = undefined;
  });
  try {
    for await (const batch of prepareImport(batchesOf(input.specs), input.settings)) {
      while (credits <= 0) await new Promise<void>((resolve) => (wake = resolve));
      credits -= 1;
      port.postMessage(...toWire(batch));
    }
  } catch (error) {
    const e = (error instanceof Error ? error : new Error(String(error))) as Error & {
      code?: unknown;
      issues?: unknown;
    };
    const failure: ImportWorkerFailure = { kind: 'error', name: e.name, message: e.message };
    if (e.stack !== undefined) failure.stack = e.stack;
    if (typeof e.code === 'string') failure.code = e.code;
    if (Array.isArray(e.issues)) failure.issues = e.issues as FieldIssue[];
    port.postMessage(failure);
  }
}

if (parentPort) await run(parentPort, workerData as ImportWorkerInput);
