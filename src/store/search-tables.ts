/** The product search tables as Kysely sees them (kept apart from database.ts, which many people edit). */
import type { ColumnType } from 'kysely';
import type { JsonColumn } from './database.js';

/** Persisted search index snapshots (derived data). */
export interface SearchSnapshotsTable {
  id: string;
  data: ColumnType<Uint8Array, Uint8Array, Uint8Array>;
  item_high_water: number;
  documents: number;
  created_at: number;
}

/** Configured synonym rules, in order. */
export interface SearchSynonymsTable {
  position: number;
  rule: JsonColumn;
  updated_at: number;
}

/** Merchandising rules (pin, boost, bury, hide per query). */
export interface SearchRulesTable {
  id: string;
  query: string;
  rule: JsonColumn;
  created_at: number;
}
