// @ts-check
/**
 * `npm run deps`: prints the module graph between the top-level folders of src/ (production files;
 * tests are outside the graph) and fails when an import breaks tools/architecture/layers.js.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALLOWED, isTestFile, violation } from './architecture/layers.js';

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'src');
const IMPORT =
  /(?:^|[\s;])(?:import|export)\s[^'";]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/gm;

/** Every .ts file below src/, as a path below src/. */
function walk(/** @type {string} */ dir) {
  /** @type {string[]} */
  const out = [];
  for (const entry of readdirSync(path.join(src, dir), { withFileTypes: true })) {
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...walk(rel));
    else if (entry.name.endsWith('.ts')) out.push(rel);
  }
  return out;
}

/** @type {Map<string, number>} */
const edges = new Map();
/** @type {string[]} */
const problems = [];
for (const file of walk('')) {
  if (isTestFile(file)) continue;
  for (const m of readFileSync(path.join(src, file), 'utf8').matchAll(IMPORT)) {
    const spec = /** @type {string} */ (m[1] ?? m[2]);
    const abs = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)).replace(/\.js$/, '.ts');
    if (abs.startsWith('..')) continue;
    const to = abs.endsWith('.ts') ? abs : `${abs}/index.ts`;
    const message = violation(file, to);
    if (message) problems.push(`  src/${file} -> src/${to}: ${message}`);
    const [a, b] = [file.split('/')[0], to.split('/')[0]];
    if (a !== b) edges.set(`${a} -> ${b}`, (edges.get(`${a} -> ${b}`) ?? 0) + 1);
  }
}

// Lowest layer first: a folder's rank is how many folders it may import.
const rank = (/** @type {string} */ f) => ALLOWED[f]?.length ?? Infinity;
const folders = [...new Set([...edges.keys()].flatMap((e) => e.split(' -> ')))].sort(
  (a, b) => rank(a) - rank(b) || a.localeCompare(b),
);
console.log('module graph of src/ (folder -> folders it imports, with the number of imports):');
for (const f of folders) {
  const out = [...edges].filter(([e]) => e.startsWith(`${f} -> `)).map(([e, n]) => `${e.split(' -> ')[1]} (${n})`);
  console.log(`  ${f.padEnd(12)} -> ${out.length ? out.join(', ') : '(nothing)'}`);
}
if (problems.length > 0) {
  console.log(`\n${problems.length} import(s) against the direction in tools/architecture/layers.js:`);
  console.log(problems.join('\n'));
  process.exit(1);
}
console.log('\nno upward or sideways edges: every import follows tools/architecture/layers.js');
