/** Finds image files under a folder, at any depth, in a stable order. */
import { readdir } from 'node:fs/promises';
import path from 'node:path';

const IMAGE_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png', '.webp', '.gif', '.avif', '.tif', '.tiff', '.bmp']);

/** Whether a file name looks like an image sharp can read. */
export function isImageFile(name: string): boolean {
  return IMAGE_EXTENSIONS.has(path.extname(name).toLowerCase());
}

/** Every image file under `root` (any depth), as paths relative to `root` with '/' separators, sorted. */
export async function listImages(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const found: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile() || !isImageFile(entry.name)) continue;
    const full = path.join(entry.parentPath, entry.name);
    found.push(path.relative(root, full).split(path.sep).join('/'));
  }
  return found.sort();
}
