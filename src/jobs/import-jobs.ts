/**
 * Imports uploaded over HTTP: the body is streamed to a file in the data directory, then imported by a job
 * through the same import service as `daogou import` (all or nothing, or skipping invalid lines), with
 * progress as the fraction of the file's lines read. The file is removed when the job ends.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { ValidationError, type FieldIssue } from '../domain/index.js';
import { findAdapter } from '../datasets/adapters/index.js';
import type { ReadResult } from '../datasets/parse-issue.js';
import { readRecords } from '../datasets/read-records.js';
import type { RecordKind } from '../datasets/source-record.js';
import type { ImportResult, ImportService } from '../platform/index.js';
import { saveUpload } from '../platform/index.js';
import type { JobRecord } from '../store/repositories/job-repository.js';
import type { Store } from '../store/store.js';
import { FinalJobError, type JobQueue } from './job-queue.js';
import { VISION_INDEX_JOB } from './vision-jobs.js';

/** Imports one uploaded file. */
export const IMPORT_JOB = 'data.import';
/** Rejected lines listed in a job's result (the count covers all of them). */
const LISTED_REJECTIONS = 100;

/** Our own file formats. */
export type UploadFormat = 'csv' | 'jsonl';

/** What the caller asks to import; `contentType` picks the format when `format` is not given. */
export interface ImportRequest {
  kind?: RecordKind;
  format?: UploadFormat;
  adapter?: string;
  skipInvalid?: boolean;
  strict?: boolean;
  /** The name to show in messages (the caller's file name). */
  filename?: string;
  contentType?: string;
}

/** The job's payload: where the upload is and how to read it. */
export interface ImportJobPayload {
  dir: string;
  file: string;
  displayName: string;
  bytes: number;
  lines: number;
  kind?: RecordKind;
  format?: UploadFormat;
  adapter?: string;
  role?: string;
  skipInvalid: boolean;
  strict: boolean;
}

type ImportPlan = Omit<ImportJobPayload, 'dir' | 'file' | 'bytes' | 'lines'> & { fileName: string };

const FORMAT_BY_TYPE: Record<string, UploadFormat> = {
  'text/csv': 'csv',
  'application/x-ndjson': 'jsonl',
  'application/jsonl': 'jsonl',
};

/** Checks a request and decides how the upload will be read; throws ValidationError naming the parameter. */
export function planImport(request: ImportRequest): ImportPlan {
  const common = { skipInvalid: Boolean(request.skipInvalid), strict: Boolean(request.strict) };
  if (request.adapter !== undefined) {
    const adapter = findAdapter(request.adapter);
    const required = adapter?.files.filter((f) => !f.optional) ?? [];
    if (!adapter || required.length !== 1) {
      const message = adapter
        ? `${adapter.name} needs ${required.length} files (${required.map((f) => f.defaultName).join(', ')}); import it with \`daogou import --format ${adapter.name}\``
        : 'unknown adapter';
      throw new ValidationError([{ field: 'querystring.adapter', message }]);
    }
    const file = required[0]!;
    return {
      ...common,
      adapter: adapter.name,
      role: file.role,
      fileName: file.defaultName,
      displayName: displayName(request.filename, file.defaultName),
    };
  }
  if (request.kind === undefined) {
    throw new ValidationError([
      { field: 'querystring.kind', message: 'say what the file holds: items, customers or events' },
    ]);
  }
  const mediaType = request.contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  const format = request.format ?? FORMAT_BY_TYPE[mediaType];
  if (format === undefined) {
    throw new ValidationError([
      { field: 'querystring.format', message: `csv or jsonl: required when the content type is "${mediaType}"` },
    ]);
  }
  const fileName = `${request.kind}.${format}`;
  return { ...common, kind: request.kind, format, fileName, displayName: displayName(request.filename, fileName) };
}

/** Saves the upload under `uploadsDir` and enqueues its import; the file is removed if enqueuing fails. */
export async function startImport(
  queue: JobQueue,
  body: Readable,
  request: ImportRequest,
  options: { uploadsDir: string; limitBytes: number },
): Promise<JobRecord> {
  const { fileName, ...plan } = planImport(request);
  const dir = path.join(options.uploadsDir, randomUUID());
  try {
    const saved = await saveUpload(body, path.join(dir, fileName), options.limitBytes);
    const payload: ImportJobPayload = { ...plan, dir, file: saved.path, bytes: saved.bytes, lines: saved.lines };
    // A failure is final (a file that failed validation fails again, and the upload is gone once the job ends);
    // the second attempt is for a worker that died in the middle, which left the upload (and nothing imported:
    // an import commits as a whole).
    return await queue.enqueue(IMPORT_JOB, payload, { maxAttempts: 2 });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Registers the import job. */
export function defineImportJobs(queue: JobQueue, imports: ImportService, store: Store): void {
  queue.define(IMPORT_JOB, async (payload, ctx) => {
    const p = payload as ImportJobPayload;
    const named = (text: string) => text.split(p.file).join(p.displayName);
    let pending = Promise.resolve();
    const report = (read: number) => {
      // Records per line is about one in our formats; an adapter may yield more (items, customers), so cap it.
      const fraction = Math.min(0.99, read / Math.max(1, p.lines));
      pending = pending.then(() => ctx.progress(fraction, `read ${read} records`)).catch(() => undefined);
    };
    try {
      if (!existsSync(p.file)) {
        throw new Error(`the uploaded file is not on this worker: API and worker processes must share DAOGOU_DATA_DIR`);
      }
      const result = await imports.import(source(p), {
        skipInvalid: p.skipInvalid,
        strict: p.strict,
        onProgress: report,
      });
      await pending;
      // New or changed items may bring new images: the vision sweep analyses those without features.
      if (result.imported.items > 0)
        await queue.enqueue(VISION_INDEX_JOB, {}, { singletonKey: VISION_INDEX_JOB, maxAttempts: 2 });
      return summary(result, p, named);
    } catch (error) {
      await pending;
      if (!(error instanceof ValidationError))
        throw new FinalJobError(error instanceof Error ? error.message : String(error), { cause: error });
      const issues = error.issues.map((i): FieldIssue => ({ ...i, message: named(i.message) }));
      const message = named(error.message);
      // The job's error is one line of text; the result keeps the line and field for a console to show.
      await store.jobs.recordResult(ctx.job.id, { error: { message, issues } });
      throw new FinalJobError(message);
    } finally {
      await rm(p.dir, { recursive: true, force: true });
    }
  });
}

function source(p: ImportJobPayload): AsyncIterable<ReadResult> {
  if (p.adapter !== undefined) {
    const adapter = findAdapter(p.adapter);
    if (!adapter || p.role === undefined) throw new Error(`unknown adapter "${p.adapter}"`);
    return adapter.read({ [p.role]: p.file });
  }
  return readRecords(p.file, p.kind!, { format: p.format! });
}

function summary(result: ImportResult, p: ImportJobPayload, named: (text: string) => string) {
  return {
    file: p.displayName,
    bytes: p.bytes,
    lines: p.lines,
    read: result.read,
    imported: result.imported,
    duplicateEvents: result.duplicateEvents,
    rejected: result.rejected.length,
    rejections: result.rejected.slice(0, LISTED_REJECTIONS).map((r) => ({
      line: r.line,
      kind: r.kind,
      issues: r.issues.map((i) => ({ field: i.field, message: named(i.message) })),
    })),
    elapsedMs: result.elapsedMs,
  };
}

// Shown in messages only; the file on disk is always named by the server.
function displayName(given: string | undefined, fallback: string): string {
  const base = given === undefined ? '' : path.basename(given).replace(/[^\p{L}\p{N}._ -]/gu, '');
  return base === '' ? fallback : base.slice(0, 200);
}
