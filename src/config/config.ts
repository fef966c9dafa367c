/** Runtime configuration, read from the environment (and overridden by CLI flags). */
import path from 'node:path';

/**
 * Default bound on the events recommender training reads: each further million events cost about 210 MB of peak
 * memory and 140 CPU-s (measured at 100,000 customers; docs/scale.md, "Training on a window"), so a training stays
 * near 2.5 GiB and 23 CPU-minutes whatever the log's size; about 18 days of the 50M-event store.
 */
export const DEFAULT_TRAIN_MAX_EVENTS = 10_000_000;

/** What to do with a customer's events when the customer is erased. */
export type EraseMode = 'delete' | 'anonymise';

/** Who may read /metrics: nobody (off), an admin key (key), or anyone (open; the demo's default). */
export type MetricsAccess = 'off' | 'key' | 'open';

/** Which roles a process runs: API, background worker, or both. */
export type ProcessRole = 'all' | 'api' | 'worker';

/** A CPU priority to lower to: a niceness (0–19), or `idle`, Linux's SCHED_IDLE class (below nice 19). */
export type Niceness = number | 'idle';

/** Daogou's settings. */
export interface Config {
  /** `sqlite:<file>` (default) or `postgres://…`. */
  databaseUrl: string;
  /** Folder for the SQLite file, models and indexes. */
  dataDir: string;
  host: string;
  port: number;
  /** The address clients reach this server at (the OpenAPI document's server); null: http://host:port. */
  publicUrl: string | null;
  role: ProcessRole;
  /** Reject events that name an item not in the catalogue. */
  strictItems: boolean;
  eraseMode: EraseMode;
  /** How far in the future an event timestamp may be (clock skew), seconds. */
  maxFutureSeconds: number;
  /** Largest request body, bytes. */
  bodyLimitBytes: number;
  /** Requests per secret (admin/ingest) key per window; 0 turns the limit off. */
  rateLimitMax: number;
  /** Requests per client IP per window for the public browser key and for unauthenticated calls; 0: off. */
  rateLimitPublicMax: number;
  rateLimitWindowMs: number;
  /** Origins browsers may call from with the public key; '*' for any. */
  corsOrigins: string[] | '*';
  logLevel: string;
  /**
   * Days raw events are kept (`DAOGOU_EVENT_RETENTION_DAYS`); older ones are dropped by an hourly job, their
   * daily aggregates kept. 0 (the default) keeps them forever. PostgreSQL drops whole months, so it keeps up to
   * a month more.
   */
  eventRetentionDays: number;
  /**
   * Key sealing connector credentials in the database (`DAOGOU_SECRET_KEY`: 32 bytes as 64 hex digits or base64),
   * the same in every process; null: stored in plaintext, and sealed ones cannot be read.
   */
  secretKey: string | null;
  /** Hours between scheduled recommendation retrainings; 0 turns the schedule off. */
  retrainHours: number;
  /**
   * Recommender training reads at most this many of the newest events (`DAOGOU_TRAIN_MAX_EVENTS`; 0: the whole
   * log), which bounds its time and memory as the log grows (docs/scale.md, "Training on a window").
   */
  trainMaxEvents: number;
  /** Recommender training reads only events this many days before the newest (`DAOGOU_TRAIN_WINDOW_DAYS`; 0: off). */
  trainWindowDays: number;
  /**
   * Niceness (0–19) a `serve --role worker` process lowers its CPU priority to, so its jobs yield the CPU to API
   * processes on the same machine (`DAOGOU_WORKER_NICE`, default 10); 0 leaves the priority as it is; `idle` puts
   * it in Linux's SCHED_IDLE class (it runs only when no normal thread wants the CPU, even one at nice 19).
   */
  workerNice: Niceness;
  /**
   * Niceness (0–19) an API process's ingest thread lowers its own CPU priority to, so that the thread answering
   * requests wins the CPU when both want it (`DAOGOU_INGEST_THREAD_NICE`, default 0: left as it is; `idle`: the
   * SCHED_IDLE class, as for `DAOGOU_WORKER_NICE`).
   */
  ingestThreadNice: Niceness;
  /**
   * Whether an API process on PostgreSQL reads, checks and stores event batches on an ingest thread of its own
   * rather than on the thread that answers requests (`DAOGOU_INGEST_THREAD`, default true).
   */
  ingestThread: boolean;
  /** Largest file accepted by POST /v1/imports, bytes. */
  importLimitBytes: number;
  /** Secret for signed identity merges from browsers; null: generated once and kept in the database. */
  identitySecret: string | null;
  /** Where the built storefront and console are; undefined: dist/web in the package. */
  webDir: string | undefined;
  /** The browser key the storefront at /store uses (the demo sets its own); null: the store page asks for one. */
  storePublicKey: string | null;
  /**
   * What the clock reads when the process starts, epoch ms (`DAOGOU_NOW`, an ISO time); null: the system
   * clock. Tests and replays of old data fix "now" with it; the clock then advances normally.
   */
  now: number | null;
  /**
   * Addresses (or CIDR ranges, or `loopback`, `linklocal`, `uniquelocal`) of reverse proxies whose
   * `X-Forwarded-For` is believed; empty: the socket's address is the client's, whatever headers say.
   */
  trustedProxies: string[];
  /** Who may read /metrics. */
  metrics: MetricsAccess;
  /** Serve the API reference at /docs and /openapi.json. */
  docs: boolean;
  /** Largest `quantity` a browser key may send in one event. */
  publicMaxQuantity: number;
  /** Largest `price` a browser key may send in one event. */
  publicMaxPrice: number;
  /** How old a signed identity merge may be (its `signedAt`), seconds. */
  mergeMaxAgeSeconds: number;

  /** SMTP server for journey e-mails (smtp://user:pass@host:port); null: e-mail is off until set in settings. */
  smtpUrl: string | null;
  /** The From of journey e-mails. */
  mailFrom: string;
  /** Image model for vision (`DAOGOU_VISION_MODEL`, an .onnx with its .json spec); null: the shipped one. */
  visionModel: string | null;
  /**
   * An OpenAI-compatible chat completions endpoint that writes copy instead of the built-in grammar, under
   * the same grounding check (`DAOGOU_CONTENT_LLM_URL`, `_KEY`, `_MODEL`); null (the default): built-in only.
   */
  contentLlm: ContentLlmConfig | null;
  /**
   * An OpenAI-compatible chat completions endpoint the assistant uses to phrase replies and for hard messages,
   * calling only Daogou's tools, under a grounding check (`DAOGOU_ASSISTANT_LLM_URL`, `_KEY`, `_MODEL`,
   * `_TIMEOUT_MS`); null (the default): built-in replies only.
   */
  assistantLlm: AssistantLlmConfig | null;
  /**
   * Review signals as a ranking feature in recommendations and search (`DAOGOU_REVIEW_RANKING`, default off:
   * the benchmark in docs/reviews.md did not show a gain for the default pipeline).
   */
  reviewRanking: boolean;
}

/** Where the assistant's model is, and how long one turn may wait for it. */
export interface AssistantLlmConfig extends ContentLlmConfig {
  /** The turn's budget for the model, all calls together; past it the built-in reply is sent. */
  timeoutMs: number;
}

/** Where an OpenAI-compatible model for copy is. */
export interface ContentLlmConfig {
  /** Base URL, e.g. http://localhost:11434/v1 (POST {baseUrl}/chat/completions). */
  baseUrl: string;
  /** Bearer key; null when the endpoint needs none. */
  apiKey: string | null;
  model: string;
}

function intEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, got "${raw}"`);
  return value;
}

function niceEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): Niceness {
  if (env[name]?.trim().toLowerCase() === 'idle') return 'idle';
  const value = intEnv(env, name, fallback);
  if (!Number.isInteger(value) || value > 19)
    throw new Error(`${name} must be a whole number from 0 to 19 or idle, got "${value}"`);
  return value;
}

function boolEnv(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new Error(`${name} must be true or false, got "${env[name]}"`);
}

/** Reads the configuration from environment variables; throws naming the variable on a bad value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const dataDir = path.resolve(cwd, env.DAOGOU_DATA_DIR ?? 'data');
  const eraseMode = env.DAOGOU_ERASE_EVENTS ?? 'anonymise';
  if (eraseMode !== 'delete' && eraseMode !== 'anonymise') {
    throw new Error(`DAOGOU_ERASE_EVENTS must be "delete" or "anonymise", got "${eraseMode}"`);
  }
  const role = env.DAOGOU_ROLE ?? 'all';
  if (role !== 'all' && role !== 'api' && role !== 'worker') {
    throw new Error(`DAOGOU_ROLE must be all, api or worker, got "${role}"`);
  }
  const origins = env.DAOGOU_CORS_ORIGINS ?? '*';
  const metrics = env.DAOGOU_METRICS || 'key';
  if (metrics !== 'off' && metrics !== 'key' && metrics !== 'open') {
    throw new Error(`DAOGOU_METRICS must be off, key or open, got "${metrics}"`);
  }
  return {
    databaseUrl: env.DAOGOU_DATABASE_URL ?? `sqlite:${path.join(dataDir, 'daogou.db')}`,
    dataDir,
    host: env.DAOGOU_HOST ?? '127.0.0.1',
    port: intEnv(env, 'PORT', intEnv(env, 'DAOGOU_PORT', 7070)),
    publicUrl: urlEnv(env, 'DAOGOU_PUBLIC_URL'),
    role,
    strictItems: boolEnv(env, 'DAOGOU_STRICT_ITEMS', false),
    eraseMode,
    maxFutureSeconds: intEnv(env, 'DAOGOU_MAX_FUTURE_SECONDS', 86_400),
    bodyLimitBytes: intEnv(env, 'DAOGOU_BODY_LIMIT_BYTES', 16 * 1024 * 1024),
    rateLimitMax: intEnv(env, 'DAOGOU_RATE_LIMIT', 600_000),
    rateLimitPublicMax: intEnv(env, 'DAOGOU_RATE_LIMIT_PUBLIC', 1_200),
    rateLimitWindowMs: intEnv(env, 'DAOGOU_RATE_LIMIT_WINDOW_MS', 60_000),
    corsOrigins: origins === '*' ? '*' : listEnv(origins),
    logLevel: env.DAOGOU_LOG_LEVEL ?? 'info',
    eventRetentionDays: intEnv(env, 'DAOGOU_EVENT_RETENTION_DAYS', 0),
    retrainHours: intEnv(env, 'DAOGOU_RETRAIN_HOURS', 6),
    trainMaxEvents: intEnv(env, 'DAOGOU_TRAIN_MAX_EVENTS', DEFAULT_TRAIN_MAX_EVENTS),
    trainWindowDays: intEnv(env, 'DAOGOU_TRAIN_WINDOW_DAYS', 0),
    workerNice: niceEnv(env, 'DAOGOU_WORKER_NICE', 10),
    ingestThreadNice: niceEnv(env, 'DAOGOU_INGEST_THREAD_NICE', 0),
    ingestThread: boolEnv(env, 'DAOGOU_INGEST_THREAD', true),
    secretKey: env.DAOGOU_SECRET_KEY || null,
    importLimitBytes: intEnv(env, 'DAOGOU_IMPORT_LIMIT_BYTES', 256 * 1024 * 1024),
    identitySecret: identitySecretEnv(env),
    webDir: env.DAOGOU_WEB_DIR ? path.resolve(cwd, env.DAOGOU_WEB_DIR) : undefined,
    storePublicKey: env.DAOGOU_STORE_PUBLIC_KEY || null,
    now: timeEnv(env, 'DAOGOU_NOW'),
    trustedProxies: listEnv(env.DAOGOU_TRUSTED_PROXIES),
    metrics,
    docs: boolEnv(env, 'DAOGOU_DOCS', true),
    publicMaxQuantity: intEnv(env, 'DAOGOU_PUBLIC_MAX_QUANTITY', 100),
    publicMaxPrice: intEnv(env, 'DAOGOU_PUBLIC_MAX_PRICE', 1_000_000),
    mergeMaxAgeSeconds: intEnv(env, 'DAOGOU_MERGE_MAX_AGE_SECONDS', 86_400),

    smtpUrl: env.DAOGOU_SMTP_URL || null,
    mailFrom: env.DAOGOU_MAIL_FROM || 'Daogou <no-reply@localhost>',
    visionModel: env.DAOGOU_VISION_MODEL ? path.resolve(cwd, env.DAOGOU_VISION_MODEL) : null,
    contentLlm: llmEnv(env, 'DAOGOU_CONTENT_LLM'),
    assistantLlm: assistantLlmEnv(env),
    reviewRanking: boolEnv(env, 'DAOGOU_REVIEW_RANKING', false),
  };
}

function llmEnv(env: NodeJS.ProcessEnv, prefix: string): ContentLlmConfig | null {
  const baseUrl = urlEnv(env, `${prefix}_URL`);
  if (baseUrl === null) return null;
  const model = env[`${prefix}_MODEL`];
  if (!model) throw new Error(`${prefix}_MODEL must name the model when ${prefix}_URL is set`);
  return { baseUrl, apiKey: env[`${prefix}_KEY`] || null, model };
}

function assistantLlmEnv(env: NodeJS.ProcessEnv): AssistantLlmConfig | null {
  const endpoint = llmEnv(env, 'DAOGOU_ASSISTANT_LLM');
  return endpoint && { ...endpoint, timeoutMs: intEnv(env, 'DAOGOU_ASSISTANT_LLM_TIMEOUT_MS', 8_000) };
}

function urlEnv(env: NodeJS.ProcessEnv, name: string): string | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return null;
  if (!URL.canParse(raw) || !/^https?:$/.test(new URL(raw).protocol)) {
    throw new Error(`${name} must be an http(s) URL, got "${raw}"`);
  }
  return raw.replace(/\/+$/, '');
}

function timeEnv(env: NodeJS.ProcessEnv, name: string): number | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return null;
  const ms = Date.parse(raw);
  if (!Number.isFinite(ms))
    throw new Error(`${name} must be an ISO 8601 time such as 2026-11-01T00:00:00Z, got "${raw}"`);
  return ms;
}

function listEnv(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

// A short secret could be guessed from signatures seen in pages; 16 characters is a floor, 64 hex is better.
function identitySecretEnv(env: NodeJS.ProcessEnv): string | null {
  const raw = env.DAOGOU_IDENTITY_SECRET;
  if (raw === undefined || raw === '') return null;
  if (raw.length < 16) throw new Error('DAOGOU_IDENTITY_SECRET must be at least 16 characters long');
  return raw;
}
