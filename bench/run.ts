/**
 * Benchmark runner: `npm run bench -- <name> [args...]` runs bench/<name>.ts, whose default export
 * receives the remaining arguments. Each benchmark prints a table and writes JSON to bench/results/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && !['run.ts', 'report.ts'].includes(f) && !f.startsWith('_'))
  .map((f) => f.slice(0, -3))
  .sort();

const [name, ...rest] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <name> [args]\navailable benchmarks: ${available.join(', ')}`);
  process.exit(name ? 2 : 0);
}
// `--help` must never start a run (a bare `scale --help` once began the 50M-event store): print the
// benchmark's leading doc comment, which documents its arguments, and stop.
if (rest.includes('--help') || rest.includes('-h')) {
  const source = readFileSync(path.join(here, `${name}.ts`), 'utf8');
  const doc = /^\/\*\*([\s\S]*?)\*\//.exec(source.trimStart())?.[1];
  console.log(doc ? doc.replace(/^[ \t]*\* ?/gm, '').trim() : `npm run bench -- ${name} (no usage written)`);
  process.exit(0);
}
const mod = (await import(pathToFileURL(path.join(here, `${name}.ts`)).href)) as {
  default: (args: string[]) => Promise<void>;
};
await mod.default(rest);
