/** Embeds image files in batches: decoding (sharp, on libuv's threads) overlaps the model's run. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { decodeSquare, type RgbImage } from './decode-image.js';
import type { ImageModel } from './image-model.js';

/** Embeddings of a list of files, in the list's order. */
export interface EmbeddedFiles {
  dim: number;
  /** `n × dim` unit vectors. */
  embeddings: Float32Array;
  /** `n × labels` class probabilities, when the model classifies. */
  probabilities: Float32Array | null;
}

/** Options for {@link embedFiles}. */
export interface EmbedFilesOptions {
  batch?: number;
  onProgress?: (done: number, total: number) => void;
}

/** Decodes and embeds `files` (paths relative to `root`); a file that is not an image fails with its name. */
export async function embedFiles(
  model: ImageModel,
  root: string,
  files: readonly string[],
  options: EmbedFilesOptions = {},
): Promise<EmbeddedFiles> {
  const batch = options.batch ?? 32;
  const { size, fit } = model.spec;
  const decodeBatch = (start: number): Promise<RgbImage[]> =>
    Promise.all(
      files
        .slice(start, start + batch)
        .map(async (f) => decodeSquare(await readFile(path.join(root, f)), size, f, fit ?? 'contain')),
    );
  const parts: { embeddings: Float32Array; probabilities: Float32Array | null }[] = [];
  let next = files.length > 0 ? decodeBatch(0) : null;
  for (let start = 0; next; start += batch) {
    const images = await next;
    // Decode the next batch while the model runs on this one.
    next = start + batch < files.length ? decodeBatch(start + batch) : null;
    parts.push(await model.run(images));
    options.onProgress?.(Math.min(start + batch, files.length), files.length);
  }
  const dim = parts.length > 0 ? parts[0]!.embeddings.length / Math.min(batch, files.length) : 0;
  const embeddings = new Float32Array(files.length * dim);
  const classes = parts[0]?.probabilities ? parts[0].probabilities.length / Math.min(batch, files.length) : 0;
  const probabilities = classes > 0 ? new Float32Array(files.length * classes) : null;
  let at = 0;
  for (const part of parts) {
    embeddings.set(part.embeddings, at * dim);
    if (probabilities && part.probabilities) probabilities.set(part.probabilities, at * classes);
    at += part.embeddings.length / dim;
  }
  return { dim, embeddings, probabilities };
}
