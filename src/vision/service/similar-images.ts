/**
 * Visual search over folders, no database: index every image under a gallery folder, then write, for each
 * query image, its nearest gallery images. Only the query files' pixels are read, never their names.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { IvfIndex } from '../../math/ivf-index.js';
import { embedFiles } from './embed-files.js';
import type { ImageModel } from './image-model.js';
import { listImages } from './list-images.js';
import path from 'node:path';
import { ValidationError } from '../../domain/index.js';

/** Options for {@link similarImages}. */
export interface SimilarImagesOptions {
  gallery: string;
  queries: string;
  k: number;
  out: string;
  onProgress?: (stage: 'gallery' | 'queries', done: number, total: number) => void;
}

/** Counts for the caller's summary. */
export interface SimilarImagesSummary {
  gallery: number;
  queries: number;
}

// Up to this many gallery images an exact scan is cheap (a few ms per query); beyond, the IVF lists.
const EXACT_UP_TO = 20_000;

/** Runs the search and writes one `{"query", "neighbours"}` JSON line per query image. */
export async function similarImages(model: ImageModel, options: SimilarImagesOptions): Promise<SimilarImagesSummary> {
  const galleryFiles = await listImages(options.gallery);
  if (galleryFiles.length === 0)
    throw new ValidationError([{ field: 'gallery', message: `no images under ${options.gallery}` }]);
  const queryFiles = await listImages(options.queries);
  const gallery = await embedFiles(model, options.gallery, galleryFiles, {
    onProgress: (done, total) => options.onProgress?.('gallery', done, total),
  });
  const index = IvfIndex.build(gallery.embeddings, gallery.dim, galleryFiles.length <= EXACT_UP_TO ? { lists: 1 } : {});
  const queries = await embedFiles(model, options.queries, queryFiles, {
    onProgress: (done, total) => options.onProgress?.('queries', done, total),
  });
  const out = createWriteStream(options.out);
  for (let q = 0; q < queryFiles.length; q++) {
    const found = index.search(queries.embeddings.subarray(q * queries.dim, (q + 1) * queries.dim), options.k);
    const line = JSON.stringify({
      query: path.join(options.queries, queryFiles[q]!),
      neighbours: [...found.indices].map((i) => galleryFiles[i]!),
    });
    if (!out.write(line + '\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return { gallery: galleryFiles.length, queries: queryFiles.length };
}
