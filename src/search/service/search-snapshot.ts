/** The persisted form of the search index and what was learned for it (gzipped JSON). */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { SerializedProductSearch } from '../product-search.js';
import type { SynonymRule } from '../query/synonyms.js';

/** Everything a process needs to serve search without rebuilding: documents, models and catch-up marks. */
export interface SearchSnapshot {
  version: 1;
  engine: SerializedProductSearch;
  /** Past queries with counts, for autocomplete. */
  queries: [string, number][];
  /** Popularity prior per item. */
  priors: [string, number][];
  /** Synonyms learned from the search log. */
  learned: SynonymRule[];
  /** Every catalogue item id folded in (inactive ones too) with its updated_at, to detect changes and deletions. */
  known: [string, number][];
  /** Largest items.updated_at folded in. */
  highWater: number;
}

/** Encodes a snapshot. */
export function encodeSnapshot(s: SearchSnapshot): Uint8Array {
  return gzipSync(JSON.stringify(s), { level: 3 });
}

/** Decodes a snapshot; throws on an unknown version. */
export function decodeSnapshot(data: Uint8Array): SearchSnapshot {
  const s = JSON.parse(gunzipSync(data).toString('utf8')) as SearchSnapshot;
  if (s.version !== 1) throw new Error(`unsupported search snapshot version ${String(s.version)}`);
  return s;
}
