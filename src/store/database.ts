/** The tables as Kysely sees them. Column names are snake_case; repositories map rows to domain types. */
import type { ColumnType, Generated } from 'kysely';
import type { ExperimentExposuresTable, ExperimentResultsTable, ExperimentsTable } from './experiment-tables.js';
import type { ReviewDropsTable, ReviewScoresTable } from './review-tables.js';
import type { SearchRulesTable, SearchSnapshotsTable, SearchSynonymsTable } from './search-tables.js';

/** A JSON column: text on SQLite, jsonb on PostgreSQL; written as a JSON string, read as either. */
export type JsonColumn = ColumnType<unknown, string, string>;
/** A boolean column: 0/1 on SQLite, boolean on PostgreSQL; written as 0/1 (PostgreSQL accepts '0'/'1'). */
export type BoolColumn = ColumnType<number | boolean, number, number>;

/** The catalogue. */
export interface ItemsTable {
  id: string;
  title: string;
  description: string | null;
  category: string | null;
  brand: string | null;
  price: number | null;
  currency: string | null;
  stock: number | null;
  attributes: JsonColumn;
  images: JsonColumn;
  tags: JsonColumn;
  translations: JsonColumn;
  active: BoolColumn;
  created_at: number;
  updated_at: number;
}

/** Known customers. */
export interface CustomersTable {
  id: string;
  traits: JsonColumn;
  consent_email: BoolColumn;
  consent_sms: BoolColumn;
  consent_push: BoolColumn;
  created_at: number;
  updated_at: number;
}

/** Anonymous ids merged into customers. */
export interface IdentitiesTable {
  anonymous_id: string;
  customer_id: string;
  merged_at: number;
}

/** Daily aggregates of raw events dropped by retention (migration 016); '' stands for no item or customer. */
export interface EventRollupsTable {
  day: number;
  type: string;
  item_id: string;
  customer_id: string;
  channel: string;
  events: number;
  units: number;
  revenue: number;
}

/** The append-only behaviour log. */
export interface EventsTable {
  seq: Generated<number>;
  id: string;
  type: string;
  customer_id: string | null;
  anonymous_id: string | null;
  item_id: string | null;
  quantity: number | null;
  price: number | null;
  revenue: number | null;
  currency: string | null;
  order_id: string | null;
  query: string | null;
  rating: number | null;
  review: string | null;
  channel: string;
  session_id: string | null;
  recommendation_id: string | null;
  ts: number;
  received_at: number;
  properties: JsonColumn;
}

/** API keys, stored as hashes. */
export interface ApiKeysTable {
  id: string;
  name: string;
  scope: string;
  key_hash: string;
  prefix: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

/** A store connection (Shopify, WooCommerce) and its last synchronisation. */
export interface ConnectorsTable {
  id: string;
  platform: string;
  name: string;
  base_url: string;
  /** JSON: the platform's API credentials. */
  credentials: string;
  webhook_secret: string;
  /** JSON: the synchronisation state (see ConnectorSync). */
  sync: string;
  created_at: number;
  updated_at: number;
}

/** Small settings and markers (e.g. that the demo store was loaded). */
export interface MetaTable {
  key: string;
  value: string;
  updated_at: number;
}

/** Durable jobs. */
export interface JobsTable {
  id: string;
  name: string;
  payload: JsonColumn;
  status: string;
  priority: number;
  run_at: number;
  attempts: number;
  max_attempts: number;
  singleton_key: string | null;
  locked_by: string | null;
  locked_until: number | null;
  progress: number | null;
  message: string | null;
  result: ColumnType<unknown, string | null, string | null>;
  last_error: string | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
}

/** Recurring jobs. */
export interface JobSchedulesTable {
  name: string;
  job_name: string;
  payload: JsonColumn;
  every_ms: number;
  next_run_at: number;
  enabled: BoolColumn;
}

/** A customer's profile, folded from the event log (derived). */
export interface CustomerProfilesTable {
  customer_id: string;
  profile: JsonColumn;
  recent_orders: JsonColumn;
  updated_at: number;
}

/** Per-customer RFM, CLV, churn and cluster from the latest analytics run (derived). */
export interface CustomerScoresTable {
  customer_id: string;
  rfm_r: number | null;
  rfm_f: number | null;
  rfm_m: number | null;
  rfm_group: string | null;
  p_alive: number | null;
  expected_purchases: number | null;
  predicted_clv: number | null;
  churn_risk: number | null;
  next_order_at: number | null;
  cluster: number | null;
  computed_at: number;
}

/** One customer analytics run: model parameters, clusters and notes (derived). */
export interface CustomerModelsTable {
  id: string;
  params: JsonColumn;
  clusters: JsonColumn;
  notes: JsonColumn;
  as_of: number;
  computed_at: number;
}

/** Saved segments: a rule and its materialised size. */
export interface SegmentsTable {
  id: string;
  name: string;
  rule: string;
  description: string | null;
  size: number;
  created_at: number;
  updated_at: number;
  evaluated_at: number | null;
}

/** Who is in each segment, since when (derived). */
export interface SegmentMembersTable {
  segment_id: string;
  customer_id: string;
  entered_at: number;
}

/** A trained model's bytes and metrics (derived). */
export interface ModelArtifactsTable {
  id: string;
  kind: string;
  bytes: Uint8Array;
  metrics: JsonColumn;
  event_seq: number;
  trained_at: number;
}

/** One served recommendation list, for attribution (derived). */
export interface RecommendationLogTable {
  id: string;
  surface: string;
  customer_id: string | null;
  anonymous_id: string | null;
  item_ids: JsonColumn;
  created_at: number;
}

/** A salted hash of an erased customer or anonymous id (source data: refuses the id afterwards). */
export interface ErasedSubjectsTable {
  id_hash: string;
  erased_at: number;
}

/** Journeys: the current definition and version. */
export interface JourneysTable {
  id: string;
  name: string;
  status: string;
  version: number;
  definition: JsonColumn;
  created_at: number;
  updated_at: number;
}

/** Every version of every journey, kept for the runs that entered with it. */
export interface JourneyVersionsTable {
  journey_id: string;
  version: number;
  definition: JsonColumn;
  created_at: number;
}

/** A customer's place in a journey. */
export interface JourneyRunsTable {
  id: string;
  journey_id: string;
  version: number;
  customer_id: string;
  status: string;
  node: string | null;
  wake_at: number | null;
  armed: string | null;
  waiting_for: string | null;
  holdout: BoolColumn;
  trigger: JsonColumn;
  entered_at: number;
  updated_at: number;
  exit_reason: string | null;
}

/** The message log: one row per run and send step. */
export interface JourneyMessagesTable {
  id: string;
  run_id: string;
  journey_id: string;
  node: string;
  customer_id: string;
  channel: string;
  status: string;
  reason: string | null;
  attempts: number;
  next_attempt_at: number | null;
  payload: JsonColumn;
  created_at: number;
  sent_at: number | null;
  opened_at: number | null;
  clicked_at: number | null;
}

/** How many runs reached each step. */
export interface JourneyStepCountsTable {
  journey_id: string;
  node: string;
  entered: number;
}

/** Stored message templates. */
export interface JourneyTemplatesTable {
  id: string;
  name: string;
  channel: string;
  content: JsonColumn;
  created_at: number;
  updated_at: number;
}

/** Addresses that must not be messaged (bounces, complaints). */
export interface JourneySuppressionsTable {
  channel: string;
  address: string;
  reason: string;
  created_at: number;
}

/** The last price and stock a journey runner saw per item (item triggers compare against it). */
export interface JourneyItemStatesTable {
  item_id: string;
  price: number | null;
  stock: number | null;
  updated_at: number;
}

/** One forecast series: history, forecast, methods and inventory (derived). */
export interface ForecastSeriesTable {
  key: string;
  level: string;
  label: string;
  frequency: string;
  risk_rank: number | null;
  body: JsonColumn;
  computed_at: number;
}

/** A price suggestion awaiting (or after) a decision. */
export interface PriceSuggestionsTable {
  id: string;
  item_id: string;
  status: string;
  current_price: number;
  suggested_price: number;
  body: JsonColumn;
  created_at: number;
  decided_at: number | null;
}

/** One item's price elasticity from the latest pricing run (derived). */
export interface ItemElasticitiesTable {
  item_id: string;
  category: string;
  elasticity: number;
  low: number;
  high: number;
  source: string;
  body: JsonColumn;
  computed_at: number;
}

/** Features of one catalogue image (derived by the vision job). */
export interface ItemImageFeaturesTable {
  item_id: string;
  image_url: string;
  model: string;
  embedding: Uint8Array | null;
  colours: JsonColumn;
  pattern: JsonColumn | null;
  phash: string | null;
  error: string | null;
  computed_at: number;
}

/** An attribute value read from an item's images, awaiting (or after) a person's decision. */
export interface AttributeSuggestionsTable {
  id: string;
  item_id: string;
  field: string;
  value: string;
  confidence: number;
  source: string;
  status: string;
  body: JsonColumn;
  created_at: number;
  decided_at: number | null;
}

/** Generated copy saved for an item, awaiting (or after) a person's decision. */
export interface ContentDraftsTable {
  id: string;
  item_id: string;
  kind: string;
  locale: string;
  tone: string;
  length: string;
  text: string;
  source: string;
  grounding: JsonColumn;
  status: string;
  job_id: string | null;
  created_at: number;
  decided_at: number | null;
}

/** An assistant conversation: its multi-turn state until it expires. */
export interface AssistantSessionsTable {
  id: string;
  customer_id: string | null;
  anonymous_id: string | null;
  /** JSON: the dialogue state (see AssistantState). */
  state: string;
  created_at: number;
  updated_at: number;
  expires_at: number;
}

/** One assistant turn: what was asked, what was answered, and how it went. */
export interface AssistantTurnsTable {
  id: string;
  session_id: string;
  customer_id: string | null;
  anonymous_id: string | null;
  text: string;
  reply: string;
  intent: string;
  /** JSON: the slots in effect. */
  slots: string;
  /** JSON: ids of the items shown. */
  item_ids: string;
  /** 'answered' | 'unanswered' | 'handoff'. */
  outcome: string;
  created_at: number;
  /** The classifier's probability of the intent it proposed (null before migration 019). */
  confidence: number | null;
  /** How the merchant resolved it: 'done' | 'faq' | 'example' | 'dismissed'; null while open. */
  resolution: string | null;
  resolved_at: number | null;
}

/** A merchant's own example utterance for the intent model. */
export interface AssistantExamplesTable {
  id: string;
  text: string;
  intent: string;
  /** The logged turn it was made from, with that turn's shopper ids (erased with the shopper). */
  turn_id: string | null;
  customer_id: string | null;
  anonymous_id: string | null;
  created_at: number;
}

/** A merchant FAQ passage the assistant answers service questions from. */
export interface AssistantFaqTable {
  id: string;
  title: string;
  body: string;
  source: string;
  created_at: number;
}

/** All tables. */
export interface Database {
  items: ItemsTable;
  customers: CustomersTable;
  identities: IdentitiesTable;
  events: EventsTable;
  event_rollups: EventRollupsTable;
  api_keys: ApiKeysTable;
  connectors: ConnectorsTable;
  assistant_sessions: AssistantSessionsTable;
  assistant_turns: AssistantTurnsTable;
  assistant_faq: AssistantFaqTable;
  assistant_examples: AssistantExamplesTable;
  meta: MetaTable;
  jobs: JobsTable;
  job_schedules: JobSchedulesTable;
  customer_profiles: CustomerProfilesTable;
  customer_scores: CustomerScoresTable;
  customer_models: CustomerModelsTable;
  segments: SegmentsTable;
  segment_members: SegmentMembersTable;
  search_snapshots: SearchSnapshotsTable;
  search_synonyms: SearchSynonymsTable;
  search_rules: SearchRulesTable;
  model_artifacts: ModelArtifactsTable;
  recommendation_log: RecommendationLogTable;
  erased_subjects: ErasedSubjectsTable;

  experiments: ExperimentsTable;
  experiment_exposures: ExperimentExposuresTable;
  experiment_results: ExperimentResultsTable;

  journeys: JourneysTable;
  journey_versions: JourneyVersionsTable;
  journey_runs: JourneyRunsTable;
  journey_messages: JourneyMessagesTable;
  journey_step_counts: JourneyStepCountsTable;
  journey_templates: JourneyTemplatesTable;
  journey_suppressions: JourneySuppressionsTable;
  journey_item_states: JourneyItemStatesTable;

  forecast_series: ForecastSeriesTable;
  price_suggestions: PriceSuggestionsTable;
  item_elasticities: ItemElasticitiesTable;

  item_image_features: ItemImageFeaturesTable;
  attribute_suggestions: AttributeSuggestionsTable;
  content_drafts: ContentDraftsTable;
  review_scores: ReviewScoresTable;
  review_drops: ReviewDropsTable;
}
