import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { movielens } from './adapters/movielens.js';
import { countKinds } from './collect.js';
import { ChecksumMismatchError, DownloadError } from './dataset-errors.js';
import type { DatasetInfo } from './dataset-info.js';
import { fetchDataset, readDataset } from './fetch-dataset.js';
import { datasetPath, datasetsDir, missingDatasetMessage } from './location.js';
import { DATASETS, findDataset } from './registry.js';

const root = mkdtempSync(path.join(tmpdir(), 'daogou-fetch-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = (label: string) => path.join(root, `${label}-${++n}`);
const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

const MOVIES = 'movieId,title,genres\n1,Toy Story (1995),Animation\n';
const RATINGS = 'userId,movieId,rating,timestamp\n1,1,4.0,964982703\n';

/** A tiny MovieLens-shaped dataset served as a zip, like GroupLens does. */
function tinyZipDataset(): { info: DatasetInfo; zip: Uint8Array } {
  const zip = zipSync({
    'tiny/movies.csv': Buffer.from(MOVIES),
    'tiny/ratings.csv': Buffer.from(RATINGS),
    'tiny/other.txt': Buffer.from('x'),
  });
  const info: DatasetInfo = {
    name: 'tiny-movies',
    title: 'tiny',
    description: 'test fixture',
    homepage: 'https://example.test/',
    license: 'test',
    attribution: 'test',
    downloads: [
      {
        url: 'https://example.test/tiny.zip',
        archive: 'zip',
        files: [
          { name: 'movies.csv', entry: 'tiny/movies.csv', sha256: sha256(MOVIES) },
          { name: 'ratings.csv', entry: 'tiny/ratings.csv', sha256: sha256(RATINGS) },
        ],
      },
    ],
    adapter: movielens,
    roles: { movies: 'movies.csv', ratings: 'ratings.csv' },
  };
  return { info, zip };
}

function serving(body: Uint8Array | string, status = 200): { fetchImpl: typeof fetch; calls: string[] } {
  const calls: string[] = [];
  const fetchImpl = ((url: string | URL | Request) => {
    calls.push(url instanceof Request ? url.url : url.toString());
    return Promise.resolve(new Response(status === 200 ? body : 'nope', { status }));
  }) as typeof fetch;
  return { fetchImpl, calls };
}

describe('fetchDataset download path', () => {
  it('downloads a zip, extracts the data files, verifies them and then serves from the cache', async () => {
    const { info, zip } = tinyZipDataset();
    const cacheDir = freshDir('cache');
    const { fetchImpl, calls } = serving(zip);
    const progress: number[] = [];
    const fetched = await fetchDataset(info, {
      cacheDir,
      fetchImpl,
      env: {},
      onProgress: (p) => progress.push(p.bytes),
    });
    expect(fetched.origin).toBe('download');
    expect(fetched.dir).toBe(path.join(cacheDir, 'tiny-movies'));
    expect(readdirSync(cacheDir)).toEqual(['tiny-movies']);
    expect(readdirSync(fetched.dir).sort()).toEqual(['movies.csv', 'ratings.csv']);
    expect(readFileSync(fetched.paths.ratings ?? '', 'utf8')).toBe(RATINGS);
    expect(progress.at(-1)).toBe(zip.length);
    expect(await countKinds(readDataset(fetched))).toEqual({ items: 1, customers: 1, events: 1, issue: 0 });

    const again = await fetchDataset(info, { cacheDir, fetchImpl, env: {} });
    expect(again.origin).toBe('cache');
    expect(calls).toHaveLength(1);
  });

  it('fails on a checksum mismatch and leaves nothing in the cache', async () => {
    const { info } = tinyZipDataset();
    const cacheDir = freshDir('cache');
    const wrong = zipSync({
      'tiny/movies.csv': Buffer.from(MOVIES),
      'tiny/ratings.csv': Buffer.from(RATINGS + '2,1,1.0,1\n'),
    });
    const err = await fetchDataset(info, { cacheDir, fetchImpl: serving(wrong).fetchImpl, env: {} }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ChecksumMismatchError);
    expect((err as ChecksumMismatchError).message).toContain('ratings.csv');
    expect((err as ChecksumMismatchError).expected).toBe(sha256(RATINGS));
    expect((err as ChecksumMismatchError).actual).toBe(sha256(RATINGS + '2,1,1.0,1\n'));
    expect(readdirSync(cacheDir)).toEqual([]);
  });

  it('reports HTTP failures and a missing archive entry as download errors', async () => {
    const { info } = tinyZipDataset();
    const cacheDir = freshDir('cache');
    await expect(fetchDataset(info, { cacheDir, fetchImpl: serving('', 404).fetchImpl, env: {} })).rejects.toThrow(
      DownloadError,
    );
    const partial = zipSync({ 'tiny/movies.csv': Buffer.from(MOVIES) });
    await expect(fetchDataset(info, { cacheDir, fetchImpl: serving(partial).fetchImpl, env: {} })).rejects.toThrow(
      /no tiny\/ratings.csv/,
    );
    expect(readdirSync(cacheDir)).toEqual([]);
  });

  it('replaces a damaged cache entry', async () => {
    const { info, zip } = tinyZipDataset();
    const cacheDir = freshDir('cache');
    mkdirSync(path.join(cacheDir, 'tiny-movies'), { recursive: true });
    writeFileSync(path.join(cacheDir, 'tiny-movies', 'movies.csv'), 'truncated');
    const fetched = await fetchDataset(info, { cacheDir, fetchImpl: serving(zip).fetchImpl, env: {} });
    expect(fetched.origin).toBe('download');
    expect(readFileSync(fetched.paths.movies ?? '', 'utf8')).toBe(MOVIES);
  });
});

describe('fetchDataset local path', () => {
  it('uses the files in `from` and rejects a file with the wrong content', async () => {
    const from = freshDir('local');
    mkdirSync(path.join(from, 'online-retail-france'), { recursive: true });
    const file = path.join(from, 'online-retail-france', 'online_retail_france.csv');
    writeFileSync(file, 'InvoiceNo,StockCode\n');
    const err = await fetchDataset('online-retail-france', { cacheDir: freshDir('cache'), from }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ChecksumMismatchError);
    expect(err).toMatchObject({
      file,
      expected: findDataset('online-retail-france')?.downloads[0]?.files[0]?.sha256,
      actual: sha256('InvoiceNo,StockCode\n'),
    });
  });

  it('names unknown datasets and missing local files', async () => {
    await expect(fetchDataset('nope', { cacheDir: freshDir('cache') })).rejects.toThrow(
      /unknown dataset "nope"; known: movielens-latest-small/,
    );
    await expect(fetchDataset('cdnow', { cacheDir: freshDir('cache'), from: freshDir('empty') })).rejects.toThrow(
      /CDNOW_master.txt/,
    );
  });
});

const shared = datasetPath();
if (!shared) console.warn(missingDatasetMessage(''));

describe.skipIf(!shared)('fetchDataset against ../shared/datasets', () => {
  it.each(DATASETS.map((d) => d.name))('%s: local files match the registry checksums', async (name) => {
    const cacheDir = freshDir('cache');
    const fetched = await fetchDataset(name, { cacheDir, from: datasetsDir() });
    expect(fetched.origin).toBe('local');
    expect(Object.keys(fetched.paths).sort()).toEqual(Object.keys(fetched.dataset.roles).sort());
    expect(existsSync(cacheDir)).toBe(false);
  });

  it('finds the dataset through DAOGOU_DATASETS_DIR', async () => {
    const fetched = await fetchDataset('cdnow', {
      cacheDir: freshDir('cache'),
      env: { DAOGOU_DATASETS_DIR: datasetsDir() },
    });
    expect(fetched.origin).toBe('local');
  });

  it('downloads MovieLens as GroupLens packs it (zip served from the shared files)', async () => {
    const info = findDataset('movielens-latest-small');
    if (!info) throw new Error('registry lacks movielens-latest-small');
    const entries: Record<string, Uint8Array> = {};
    for (const f of info.downloads[0]?.files ?? [])
      entries[f.entry ?? f.name] = readFileSync(path.join(datasetsDir(), info.name, f.name));
    const fetched = await fetchDataset(info.name, {
      cacheDir: freshDir('cache'),
      fetchImpl: serving(zipSync(entries)).fetchImpl,
      env: {},
    });
    expect(fetched.origin).toBe('download');
    expect(await countKinds(readDataset(fetched))).toEqual({ items: 9742, customers: 610, events: 100836, issue: 0 });
  });
});
