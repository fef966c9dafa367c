/**
 * Writes a labelled image folder (`<root>/<label>/…/*.jpg`) as a training set for the embedding trainer
 * (scripts/vision/train.py): one raw uint8 file of `n × size × size × 3` pixels and a JSON manifest.
 * Decoding here, with the same code the engine uses at run time, means training and serving see the
 * same pixels.
 */
import { open, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { ValidationError } from '../../domain/index.js';
import { decodeSquare } from './decode-image.js';
import { listImages } from './list-images.js';

/** The manifest beside the pixel file. */
export interface TrainingSetManifest {
  size: number;
  labels: string[];
  samples: { path: string; label: number }[];
}

/** Options for {@link writeTrainingSet}. */
export interface WriteTrainingSetOptions {
  /** Folder whose first-level sub-folders are the labels. */
  root: string;
  /** Output prefix: writes `<out>.u8` and `<out>.json`. */
  out: string;
  /** Side of the square images, in pixels. */
  size: number;
  onProgress?: (done: number, total: number) => void;
}

/** Decodes every image under `root` and writes the training set; returns its manifest. */
export async function writeTrainingSet(options: WriteTrainingSetOptions): Promise<TrainingSetManifest> {
  const files = (await listImages(options.root)).filter((f) => f.includes('/'));
  if (files.length === 0) {
    throw new ValidationError([{ field: 'images', message: `no images in sub-folders of ${options.root}` }]);
  }
  const labels = [...new Set(files.map((f) => f.slice(0, f.indexOf('/'))))].sort();
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const samples: TrainingSetManifest['samples'] = [];
  const handle = await open(`${options.out}.u8`, 'w');
  try {
    for (const [i, file] of files.entries()) {
      const image = await decodeSquare(await readFile(path.join(options.root, file)), options.size, file);
      await handle.write(image.data);
      samples.push({ path: file, label: labelIndex.get(file.slice(0, file.indexOf('/')))! });
      options.onProgress?.(i + 1, files.length);
    }
  } finally {
    await handle.close();
  }
  const manifest: TrainingSetManifest = { size: options.size, labels, samples };
  await writeFile(`${options.out}.json`, JSON.stringify(manifest));
  return manifest;
}
