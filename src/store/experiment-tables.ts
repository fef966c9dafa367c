/** The experiments tables as Kysely sees them (kept apart from database.ts, which many people edit). */
import type { BoolColumn, JsonColumn } from './database.js';

/** Experiments and bandits: definition and state (source data: what the merchant configured). */
export interface ExperimentsTable {
  id: string;
  name: string;
  description: string | null;
  surface: string;
  kind: string;
  status: string;
  salt: string;
  variants: JsonColumn;
  metrics: JsonColumn;
  traffic: number;
  layer: string | null;
  layer_start: number;
  layer_end: number;
  segment_id: string | null;
  sequential: BoolColumn;
  correction: string;
  min_sample: number;
  bandit_floor: number;
  created_at: number;
  updated_at: number;
  started_at: number | null;
  stopped_at: number | null;
}

/** Who saw which variant, first when (one row per unit and experiment). */
export interface ExperimentExposuresTable {
  experiment_id: string;
  unit_id: string;
  variant: string;
  customer_id: string | null;
  anonymous_id: string | null;
  exposed_at: number;
}

/** The latest computed read-out of an experiment (derived, rebuilt by a job). */
export interface ExperimentResultsTable {
  experiment_id: string;
  result: JsonColumn;
  exposures: number;
  computed_at: number;
}
