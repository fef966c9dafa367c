/** Where the shared public datasets live: `DAOGOU_DATASETS_DIR`, else `../shared/datasets` beside the checkout. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The shared datasets folder (it may not exist; see {@link datasetPath}). */
export function datasetsDir(): string {
  return process.env.DAOGOU_DATASETS_DIR ?? path.resolve(repoRoot, '..', 'shared', 'datasets');
}

/** Absolute path of a file or folder inside the shared datasets folder, or null when it is absent. */
export function datasetPath(...parts: string[]): string | null {
  const p = path.join(datasetsDir(), ...parts);
  return existsSync(p) ? p : null;
}

/** The message tests and benchmarks print when they skip for want of a dataset. */
export function missingDatasetMessage(...parts: string[]): string {
  return `dataset ${path.join(...parts)} not found under ${datasetsDir()} (set DAOGOU_DATASETS_DIR); skipping`;
}
