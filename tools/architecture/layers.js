// @ts-check
/**
 * The allowed directions between the top-level folders of src/, written down once: the ESLint rule
 * `daogou/dependency-direction` (eslint.config.js) and `npm run deps` both read this file.
 * See docs/architecture.md for the picture and the reasons.
 */

/** Folders every layer above may import (pure or storage foundations). */
const FOUNDATION = ['domain', 'config', 'math', 'text', 'store'];
/** Data sources: public-format importers and the demo store's generator. */
const SOURCES = ['datasets', 'demo'];

/** One folder per capability; each has (or will have) a front door, src/<capability>/index.ts. */
export const CAPABILITIES = [
  'recommend',
  'search',
  'customers',
  'journeys',
  'experiments',
  'forecast',
  'pricing',
  'vision',
  'connectors',
  'assistant',
  'reviews',
  'content',
];

/**
 * For each folder, the folders it may import. A folder not listed here is unknown and fails
 * `npm run deps` until it is placed. Capabilities reach each other only through `peers` below.
 * @type {Record<string, readonly string[]>}
 */
export const ALLOWED = {
  domain: [],
  config: [],
  math: [],
  // Tokenisers and classifiers are pure; they share math's one seeded generator.
  text: ['math'],
  store: ['domain'],
  datasets: ['domain'],
  demo: ['domain'],
  platform: [...FOUNDATION, ...SOURCES],
  ...Object.fromEntries(CAPABILITIES.map((c) => [c, [...FOUNDATION, ...SOURCES, 'platform']])),
  jobs: [...FOUNDATION, ...SOURCES, 'platform', ...CAPABILITIES],
  engine: [...FOUNDATION, ...SOURCES, 'platform', ...CAPABILITIES, 'jobs'],
  server: [...FOUNDATION, ...SOURCES, 'platform', ...CAPABILITIES, 'jobs', 'engine'],
  cli: [...FOUNDATION, ...SOURCES, 'platform', ...CAPABILITIES, 'jobs', 'engine', 'server'],
};

/**
 * Capability → capability edges, each through the other's front door only. Keep this a short list
 * without cycles: every entry is a seam two teams share.
 * @type {Record<string, readonly string[]>}
 */
export const PEERS = {
  // Search re-ranks by a customer's affinities, read from customers' profiles.
  search: ['customers'],
  // Journey conditions test segments and lifecycle stages.
  journeys: ['customers'],
  // Price suggestions take the demand forecast.
  pricing: ['forecast'],
  // The assistant retrieves FAQ passages with the search library (products come through a port the engine fills).
  assistant: ['search'],
};

/** The folders that compose capabilities: they reach a front-door folder only through its door. */
export const EDGES = ['jobs', 'engine', 'server', 'cli'];

/**
 * Folders whose front door, src/<folder>/index.ts, is the only way in from EDGES: every capability and the
 * data platform (capabilities reach each other through doors too, see PEERS; they may use platform's parts
 * directly, as they use the store).
 * @type {readonly string[]}
 */
export const FRONT_DOORS = [...CAPABILITIES, 'platform'];

/**
 * Files no other folder may import, with the reason. Keys are paths below src/ (a trailing slash
 * means a whole folder); values list the folders still allowed in.
 * @type {Record<string, { allow: readonly string[]; reason: string }>}
 */
export const PRIVATE = {
  'store/dialects/': {
    allow: [],
    reason: 'dialect differences live in the store; ask the Store or a repository, not the dialect',
  },
  'datasets/location.ts': {
    allow: ['cli'],
    reason: 'it resolves ../shared/datasets beside the checkout: only tests, benchmarks and the CLI may',
  },
};

/**
 * Known exceptions, each with its reason; `npm run deps` prints them. Keys are `from -> to` file
 * paths below src/.
 * @type {Record<string, string>}
 */
export const EXCEPTIONS = {};

/** Whether a path below src/ is a test, a shared contract suite or test data (outside the graph). */
export function isTestFile(/** @type {string} */ file) {
  return /\.(test|contract|test-data)\.ts$|(^|\/)test-fixtures\.ts$/.test(file);
}

/**
 * Why importing `to` from `from` breaks the architecture, or null when it is allowed.
 * Both are paths below src/ with forward slashes and a .ts ending (e.g. 'search/index.ts').
 */
export function violation(/** @type {string} */ from, /** @type {string} */ to) {
  if (isTestFile(from)) return null;
  const source = from.split('/')[0] ?? '';
  const target = to.split('/')[0] ?? '';
  if (EXCEPTIONS[`${from} -> ${to}`] !== undefined) return null;
  for (const [prefix, rule] of Object.entries(PRIVATE)) {
    const inside = prefix.endsWith('/') ? to.startsWith(prefix) : to === prefix;
    const ownFolder = source === prefix.split('/')[0];
    if (inside && !ownFolder && !rule.allow.includes(source)) return `src/${prefix} is private: ${rule.reason}`;
  }
  if (source === target) return null;
  const allowed = ALLOWED[source];
  if (!allowed) return `src/${source}/ is not placed in tools/architecture/layers.js`;
  const peer = (PEERS[source] ?? []).includes(target);
  if (!allowed.includes(target) && !peer) {
    return `src/${source}/ may not import src/${target}/ (dependencies point one way: see docs/architecture.md)`;
  }
  const door = `${target}/index.ts`;
  const mustUseDoor = peer || (FRONT_DOORS.includes(target) && EDGES.includes(source));
  if (mustUseDoor && to !== door) return `import src/${target}/ through its front door, src/${door}`;
  return null;
}
