/** The store: one database, its repositories, and transactions that span them. */
import { sql, type Kysely } from 'kysely';
import { connect, type Connection } from './connect.js';
import type { Database } from './database.js';
import type { BackgroundUpkeep, BulkLoad, DialectAdapter, DialectName } from './dialects/dialect-adapter.js';
import { retryWhileLocked } from './dialects/sqlite-immediate.js';
import { migrateToLatest } from './migrations/migrate.js';
import { SecretBox } from './secret-box.js';
import { ApiKeyRepository } from './repositories/api-key-repository.js';
import { AssistantRepository } from './repositories/assistant-repository.js';
import { AssistantReviewRepository } from './repositories/assistant-review-repository.js';
import { AttributeSuggestionRepository } from './repositories/attribute-suggestion-repository.js';
import { ContentDraftRepository } from './repositories/content-draft-repository.js';
import { ConnectorRepository } from './repositories/connector-repository.js';
import { CustomerRepository } from './repositories/customer-repository.js';
import { CustomerScoreRepository } from './repositories/customer-score-repository.js';
import { ErasureRepository } from './repositories/erasure-repository.js';
import { EventAnalyticsRepository } from './repositories/event-analytics-repository.js';
import { EventRepository } from './repositories/event-repository.js';
import { EventRetentionRepository } from './repositories/event-retention-repository.js';
import { ExperimentRepository } from './repositories/experiment-repository.js';

import { ForecastRepository } from './repositories/forecast-repository.js';
import { IdentityRepository } from './repositories/identity-repository.js';
import { ImageFeatureRepository } from './repositories/image-feature-repository.js';
import { JourneyMessageRepository } from './repositories/journey-message-repository.js';
import { JourneyRepository } from './repositories/journey-repository.js';
import { JourneyRunRepository } from './repositories/journey-run-repository.js';
import { JourneyTriggerRepository } from './repositories/journey-trigger-repository.js';
import { ItemRepository } from './repositories/item-repository.js';
import { JobRepository } from './repositories/job-repository.js';
import { MetaRepository } from './repositories/meta-repository.js';
import { ModelArtifactRepository } from './repositories/model-artifact-repository.js';
import { ElasticityRepository } from './repositories/elasticity-repository.js';
import { PriceSuggestionRepository } from './repositories/price-suggestion-repository.js';
import { ProfileRepository } from './repositories/profile-repository.js';
import { SearchRepository } from './repositories/search-repository.js';
import { RecommendationLogRepository } from './repositories/recommendation-log-repository.js';
import { ReviewRepository } from './repositories/review-repository.js';
import { SegmentRepository } from './repositories/segment-repository.js';
import { TrainingLogRepository } from './repositories/training-log-repository.js';

/** The repositories, bound to one connection or transaction. */
export class Repositories {
  readonly items: ItemRepository;
  readonly customers: CustomerRepository;
  readonly identities: IdentityRepository;
  readonly events: EventRepository;
  readonly eventAnalytics: EventAnalyticsRepository;
  readonly eventRetention: EventRetentionRepository;
  /** Windows of the log for model training. */
  readonly trainingLog: TrainingLogRepository;
  readonly apiKeys: ApiKeyRepository;
  readonly connectors: ConnectorRepository;
  readonly assistant: AssistantRepository;
  readonly assistantReview: AssistantReviewRepository;
  readonly meta: MetaRepository;
  readonly jobs: JobRepository;
  readonly profiles: ProfileRepository;
  readonly customerScores: CustomerScoreRepository;
  readonly segments: SegmentRepository;
  readonly search: SearchRepository;
  readonly modelArtifacts: ModelArtifactRepository;
  readonly recommendationLog: RecommendationLogRepository;
  readonly erasure: ErasureRepository;

  readonly experiments: ExperimentRepository;

  readonly journeys: JourneyRepository;
  readonly journeyRuns: JourneyRunRepository;
  readonly journeyMessages: JourneyMessageRepository;
  readonly journeyTriggers: JourneyTriggerRepository;

  readonly forecasts: ForecastRepository;
  readonly priceSuggestions: PriceSuggestionRepository;
  readonly elasticities: ElasticityRepository;
  readonly reviews: ReviewRepository;

  readonly imageFeatures: ImageFeatureRepository;
  readonly attributeSuggestions: AttributeSuggestionRepository;
  readonly contentDrafts: ContentDraftRepository;

  constructor(
    readonly db: Kysely<Database>,
    readonly adapter: DialectAdapter,
    inTransaction = false,
    /** Seals connector credentials (null: stored as given, and sealed rows cannot be read). */
    readonly secrets: SecretBox | null = null,
  ) {
    this.items = new ItemRepository(db);
    this.customers = new CustomerRepository(db, inTransaction, adapter);
    this.identities = new IdentityRepository(db);
    this.events = new EventRepository(db, adapter);
    this.eventAnalytics = new EventAnalyticsRepository(db, adapter);
    this.eventRetention = new EventRetentionRepository(db, adapter);
    this.trainingLog = new TrainingLogRepository(db);
    this.apiKeys = new ApiKeyRepository(db);
    this.connectors = new ConnectorRepository(db, adapter, secrets);
    this.assistant = new AssistantRepository(db);
    this.assistantReview = new AssistantReviewRepository(db);
    this.meta = new MetaRepository(db);
    this.jobs = new JobRepository(db, adapter);
    this.profiles = new ProfileRepository(db);
    this.customerScores = new CustomerScoreRepository(db);
    this.segments = new SegmentRepository(db);
    this.search = new SearchRepository(db);
    this.modelArtifacts = new ModelArtifactRepository(db, adapter.name);
    this.recommendationLog = new RecommendationLogRepository(db);
    this.erasure = new ErasureRepository(db, adapter);

    this.experiments = new ExperimentRepository(db, adapter);

    this.journeys = new JourneyRepository(db);
    this.journeyRuns = new JourneyRunRepository(db, adapter.name);
    this.journeyMessages = new JourneyMessageRepository(db, adapter.name);
    this.journeyTriggers = new JourneyTriggerRepository(db);

    this.forecasts = new ForecastRepository(db);
    this.priceSuggestions = new PriceSuggestionRepository(db);
    this.elasticities = new ElasticityRepository(db);

    this.imageFeatures = new ImageFeatureRepository(db);
    this.attributeSuggestions = new AttributeSuggestionRepository(db);
    this.contentDrafts = new ContentDraftRepository(db);
    this.reviews = new ReviewRepository(db);
  }
}

/** An open database with migrations applied. */
export class Store extends Repositories {
  private readonly upkeep = new Set<Promise<void>>();
  private background: Promise<BackgroundUpkeep | null> | null = null;

  private constructor(
    private readonly connection: Connection,
    secrets: SecretBox | null,
  ) {
    super(connection.db, connection.adapter, false, secrets);
  }

  private track(work: Promise<void>): void {
    // Upkeep that fails (a checkpoint) is left to the engine's own next round of it: nothing to report.
    const tracked = work.catch(() => undefined).finally(() => this.upkeep.delete(tracked));
    this.upkeep.add(tracked);
  }

  /**
   * Opens the database a URL names and brings its schema up to date; `secretKey` (DAOGOU_SECRET_KEY) seals
   * connector credentials.
   */
  static async open(url: string, options: { secretKey?: string | null } = {}): Promise<Store> {
    const secrets = options.secretKey ? new SecretBox(options.secretKey) : null;
    const connection = connect(url);
    try {
      await migrateToLatest(connection.db, connection.adapter, connection.schema);
    } catch (error) {
      await connection.db.destroy();
      throw error;
    }
    return new Store(connection, secrets);
  }

  /** Which engine this store runs on. */
  get dialect(): DialectName {
    return this.connection.adapter.name;
  }

  /** Whether event log positions can commit out of order, so a tailer must revisit holes it read past. */
  get commitsOutOfOrder(): boolean {
    return this.connection.adapter.commitsOutOfOrder;
  }

  /** The URL without secrets. */
  get displayUrl(): string {
    return this.connection.displayUrl;
  }

  /**
   * Runs `work` in one transaction: all of its writes land, or none do. On SQLite, while another connection
   * (the job thread, another process) writes, the transaction waits its turn on a timer, not on the thread.
   */
  async transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T> {
    return retryWhileLocked(() =>
      this.db.transaction().execute((trx) => work(new Repositories(trx, this.adapter, true, this.secrets))),
    );
  }

  /**
   * Runs reads that must agree with each other, as of one moment: where log positions commit out of order
   * (PostgreSQL) in one read-only transaction that sees a single snapshot (`DialectAdapter.startSnapshot`), so a
   * row committed between two of the reads is seen by neither. Elsewhere (SQLite: positions commit in order,
   * and its transactions take the write lock) on the store's own connection. Nothing may be written in `work`.
   */
  async snapshotReads<T>(work: (repos: Repositories) => Promise<T>): Promise<T> {
    const adapter = this.adapter;
    if (!adapter.startSnapshot) return work(this);
    return this.db.transaction().execute(async (trx) => {
      await adapter.startSnapshot!(trx);
      return work(new Repositories(trx, this.adapter, true, this.secrets));
    });
  }

  /**
   * Like {@link transaction}, for work that appends about `expectedEvents` events: when that is large next to
   * what is stored, the engine may set indexes aside for the load and rebuild them before the commit.
   */
  async bulkTransaction<T>(expectedEvents: number, work: (repos: Repositories) => Promise<T>): Promise<T> {
    const adapter = this.adapter;
    if (!adapter.beginBulkLoad) return this.transaction(work);
    let bulk: BulkLoad | undefined;
    try {
      return await retryWhileLocked(() =>
        this.db.transaction().execute(async (trx) => {
          // A rebuild sorts the whole table once; it pays when the load is more than about a sixth of it
          // (per row, an incremental insert into a random place cost ~7× a row of the rebuild).
          const stored = await new EventRepository(trx, this.adapter).approximateCount();
          if (expectedEvents * 4 >= stored) bulk = await adapter.beginBulkLoad?.(trx);
          const result = await work(new Repositories(trx, this.adapter, true, this.secrets));
          await bulk?.finish();
          return result;
        }),
      );
    } finally {
      if (bulk) this.track(bulk.settle(this.db));
    }
  }

  /** Whether the database answers. */
  async ping(): Promise<boolean> {
    try {
      await sql`select 1`.execute(this.db);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * For long-running processes (the server, the job worker): the database's periodic housekeeping of writes
   * (SQLite's WAL checkpoints, every `intervalMs`) runs on its own thread instead of inside whichever commit
   * triggers it. Returns whether anything moved (not for PostgreSQL or an in-memory database). Stops on close.
   */
  async upkeepInBackground(intervalMs = 1000): Promise<boolean> {
    this.background ??= (this.adapter.startBackgroundUpkeep?.(this.db, intervalMs) ?? Promise.resolve(null)).catch(
      (error: unknown) => {
        this.background = null;
        throw error;
      },
    );
    return (await this.background) !== null;
  }

  /** Resolves once deferred upkeep (the checkpoint after a bulk load) is done. */
  async settled(): Promise<void> {
    await Promise.all(this.upkeep);
  }

  /** Closes the connection(s), once deferred upkeep is done. */
  async close(): Promise<void> {
    await this.settled();
    const background = await this.background?.catch(() => null);
    this.background = null;
    await background?.stop();
    await this.db.destroy();
  }
}
