/** Finds the installed package's root folder, whether running from src (tsx) or from the compiled dist. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

let cached: string | undefined;

/** The nearest folder above this module holding Daogou's package.json. */
export function packageRoot(): string {
  if (cached !== undefined) return cached;
  let dir = import.meta.dirname;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'daogou') {
      cached = dir;
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find Daogou's package.json above ${import.meta.dirname}`);
    dir = parent;
  }
}
