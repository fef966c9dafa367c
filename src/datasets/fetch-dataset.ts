/** Makes a registered dataset's files available locally: a local copy, the cache, or a verified download. */
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { unzipSync } from 'fflate';
import { NotFoundError } from '../domain/errors.js';
import type { AdapterPaths } from './adapters/dataset-adapter.js';
import { ChecksumMismatchError, DownloadError } from './dataset-errors.js';
import { datasetFiles, type DatasetDownload, type DatasetInfo } from './dataset-info.js';
import type { ReadResult } from './parse-issue.js';
import { DATASETS, findDataset } from './registry.js';
import { sha256File } from './sha256-file.js';

/** Download progress: bytes received so far of one URL (total when the server says). */
export interface DownloadProgress {
  url: string;
  bytes: number;
  total?: number;
}

/** Options for {@link fetchDataset}. */
export interface FetchDatasetOptions {
  /** Where downloads are kept, one folder per dataset (e.g. `<data dir>/datasets`). */
  cacheDir: string;
  /** A folder holding the files already: the dataset folder itself or its parent. No download then. */
  from?: string;
  /** Replaces global fetch (tests, proxies). */
  fetchImpl?: typeof fetch;
  /** Environment to read `DAOGOU_DATASETS_DIR` from; process.env by default. */
  env?: Readonly<Record<string, string | undefined>>;
  onProgress?: (progress: DownloadProgress) => void;
}

/** A dataset whose files are on disk and verified. */
export interface FetchedDataset {
  dataset: DatasetInfo;
  /** The folder holding the files. */
  dir: string;
  /** Every data file: name → absolute path. */
  files: Record<string, string>;
  /** Adapter role → absolute path, ready for `dataset.adapter.read`. */
  paths: AdapterPaths;
  /** Where the files came from. */
  origin: 'local' | 'cache' | 'download';
}

/** The registered dataset with this name, or a not-found error listing the known names. */
export function requireDataset(name: string): DatasetInfo {
  const info = findDataset(name);
  if (!info) throw new NotFoundError(`unknown dataset "${name}"; known: ${DATASETS.map((d) => d.name).join(', ')}`);
  return info;
}

/**
 * Returns the verified files of a registered dataset (by name) or of any {@link DatasetInfo}: from `from` or `DAOGOU_DATASETS_DIR/<name>` when given, else from
 * the cache, else downloaded. Every data file's SHA-256 is checked; a download that fails or mismatches
 * leaves nothing in the cache.
 */
export async function fetchDataset(
  dataset: string | DatasetInfo,
  options: FetchDatasetOptions,
): Promise<FetchedDataset> {
  const info = typeof dataset === 'string' ? requireDataset(dataset) : dataset;
  const local = localDir(info, options);
  if (local) return { ...(await verified(info, local)), origin: 'local' };
  const dir = path.join(options.cacheDir, info.name);
  if (existsSync(dir)) {
    try {
      return { ...(await verified(info, dir)), origin: 'cache' };
    } catch {
      // A damaged or outdated cache entry is replaced by a fresh download below.
    }
  }
  await mkdir(options.cacheDir, { recursive: true });
  const staging = await mkdtemp(path.join(options.cacheDir, `.${info.name}-`));
  try {
    for (const download of info.downloads) await downloadInto(download, staging, options);
    await verified(info, staging);
    await rm(dir, { recursive: true, force: true });
    // Same file system, so the finished folder appears at once or not at all.
    await rename(staging, dir);
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    throw err;
  }
  return { ...(await verified(info, dir)), origin: 'download' };
}

/** Reads a fetched dataset through its adapter: items, then customers, then events. */
export function readDataset(fetched: FetchedDataset): AsyncIterable<ReadResult> {
  return fetched.dataset.adapter.read(fetched.paths, fetched.dataset.adapterOptions);
}

function localDir(info: DatasetInfo, options: FetchDatasetOptions): string | null {
  const first = datasetFiles(info)[0]?.name ?? '';
  if (options.from !== undefined) {
    const candidates = [options.from, path.join(options.from, info.name)];
    const found = candidates.find((c) => existsSync(path.join(c, first)));
    if (!found) throw new NotFoundError(`${first} of dataset ${info.name} not found in ${candidates.join(' or ')}`);
    return found;
  }
  const shared = (options.env ?? process.env).DAOGOU_DATASETS_DIR;
  if (shared && existsSync(path.join(shared, info.name, first))) return path.join(shared, info.name);
  return null;
}

async function verified(info: DatasetInfo, dir: string): Promise<Omit<FetchedDataset, 'origin'>> {
  const files: Record<string, string> = {};
  for (const f of datasetFiles(info)) {
    const file = path.join(dir, f.name);
    if (!existsSync(file)) throw new NotFoundError(`${file}: missing file of dataset ${info.name}`);
    const actual = await sha256File(file);
    if (actual !== f.sha256) throw new ChecksumMismatchError(file, f.sha256, actual);
    files[f.name] = file;
  }
  const paths: Record<string, string> = {};
  for (const [role, name] of Object.entries(info.roles)) {
    const file = files[name];
    if (file) paths[role] = file;
  }
  return { dataset: info, dir, files, paths };
}

async function downloadInto(download: DatasetDownload, staging: string, options: FetchDatasetOptions): Promise<void> {
  const target = path.join(staging, download.archive === 'zip' ? '.download.zip' : (download.files[0]?.name ?? 'data'));
  await downloadFile(download.url, target, options);
  if (download.archive === 'file') return;
  const entries = unzipSync(new Uint8Array(await readFile(target)), {
    filter: (f) => download.files.some((d) => d.entry === f.name),
  });
  for (const f of download.files) {
    const bytes = entries[f.entry ?? f.name];
    if (!bytes) throw new DownloadError(`${download.url}: the archive has no ${f.entry ?? f.name}`);
    await writeFile(path.join(staging, f.name), bytes);
  }
  await rm(target);
}

async function downloadFile(url: string, target: string, options: FetchDatasetOptions): Promise<void> {
  const fetchImpl = options.fetchImpl ?? fetch;
  let response: Response;
  try {
    response = await fetchImpl(url);
  } catch (err) {
    throw new DownloadError(`${url}: ${(err as Error).message}`);
  }
  if (!response.ok || !response.body) throw new DownloadError(`${url}: HTTP ${response.status} ${response.statusText}`);
  const length = Number(response.headers.get('content-length'));
  const total = Number.isFinite(length) && length > 0 ? length : undefined;
  let bytes = 0;
  const onProgress = options.onProgress;
  try {
    await pipeline(
      Readable.fromWeb(response.body as WebReadableStream<Uint8Array>),
      async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          bytes += chunk.length;
          onProgress?.(total === undefined ? { url, bytes } : { url, bytes, total });
          yield chunk;
        }
      },
      createWriteStream(target),
    );
  } catch (err) {
    throw new DownloadError(`${url}: ${(err as Error).message}`);
  }
}
