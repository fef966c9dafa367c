/**
 * Starts a worker thread on a module next to the caller, from compiled JavaScript (dist) or from the
 * TypeScript sources (tsx, vitest). Node 20 does not carry a thread's module loader hooks over to the
 * threads it starts, so for sources the new thread first registers tsx itself, then imports the module.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** Options for {@link startModuleThread}. */
export interface ModuleThreadOptions extends WorkerOptions {
  /**
   * Packages to load before tsx when running sources: a package of many small modules (a validator
   * library) loads in a fraction of the time without each module passing through tsx's hooks.
   */
  preload?: readonly string[];
}

/**
 * A worker running `name` (a module file name without extension) beside `callerUrl` (the caller's
 * `import.meta.url`): `name.js` when the caller is compiled, `name.ts` through tsx when it is not.
 */
export function startModuleThread(callerUrl: string, name: string, options: ModuleThreadOptions = {}): Worker {
  const { preload = [], ...workerOptions } = options;
  if (!callerUrl.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, callerUrl), workerOptions);
  const entry = new URL(`./${name}.ts`, callerUrl).href;
  // A preload that cannot be found is only a missed shortcut: the module imports it again later anyway.
  const boot = [
    `Promise.all(${JSON.stringify(preload.map(resolveEsm))}.map((p) => import(p).catch(() => undefined)))`,
    `.then(() => import(${JSON.stringify(tsxApiUrl(callerUrl))}))`,
    `.then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`,
  ].join('');
  return new Worker(boot, { ...workerOptions, eval: true });
}

/** A package's ESM entry as a URL where this runtime can tell (tsx can, vitest cannot: left bare). */
function resolveEsm(specifier: string): string {
  try {
    return import.meta.resolve(specifier);
  } catch {
    return specifier;
  }
}

/** Where tsx's ESM API is: read from its package exports, as vitest offers no import.meta.resolve. */
function tsxApiUrl(callerUrl: string): string {
  const require = createRequire(callerUrl);
  const manifest = require.resolve('tsx/package.json');
  const { exports } = require(manifest) as { exports: Record<string, { import?: { default?: string } }> };
  const api = exports['./esm/api']?.import?.default;
  if (!api) throw new Error('cannot start a worker thread from TypeScript sources: tsx has no ./esm/api export');
  return new URL(api, pathToFileURL(manifest)).href;
}
