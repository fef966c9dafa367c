/**
 * The composition root: one store and the services built on it, shared by the HTTP server and the CLI.
 * Capabilities are wired here so that neither the server nor the CLI builds services itself.
 */
import type { Config } from '../config/config.js';
import { AnalyticsService } from '../customers/service/analytics-service.js';
import { CustomerInsights } from '../customers/service/customer-insights.js';
import { ProfileTailer } from '../customers/service/profile-tailer.js';
import { SegmentService } from '../customers/service/segment-service.js';
import { defineCustomerJobs, scheduleCustomerJobs } from '../jobs/customer-jobs.js';
import { ApiKeyService } from '../platform/api-key-service.js';
import { configuredClock, type Clock } from '../platform/clock.js';
import { CustomerService } from '../platform/customer-service.js';
import { EventService } from '../platform/event-service.js';
import { IdentityService } from '../platform/identity-service.js';
import { IdentitySecret } from '../platform/identity-secret.js';
import { ImportService } from '../platform/import-service.js';
import { ItemService } from '../platform/item-service.js';
import { OverviewService } from '../platform/overview-service.js';
import { PrivacyService } from '../platform/privacy-service.js';
import { RecommendationService } from '../recommend/service/recommendation-service.js';
import { defineRecommendJobs, scheduleRecommendJobs } from '../jobs/recommend-jobs.js';
import { SearchService } from '../search/service/search-service.js';
import { defineSearchJobs, scheduleSearchJobs } from '../jobs/search-jobs.js';
import { Store } from '../store/store.js';
import { JobQueue } from '../jobs/job-queue.js';
import { defineEvaluateJobs } from '../jobs/evaluate-jobs.js';
import { defineImportJobs } from '../jobs/import-jobs.js';
import { ConnectorService } from '../connectors/service/connector-service.js';
import { EcommerceIntake } from '../connectors/service/ecommerce-intake.js';
import { SegmentIntake } from '../connectors/service/segment-intake.js';
import { defineConnectorJobs } from '../jobs/connector-jobs.js';
import { defineForecastJobs, scheduleForecastJobs } from '../jobs/forecast-jobs.js';
import { ForecastService } from '../forecast/index.js';
import { PricingService } from '../pricing/index.js';

/** The running engine. */
export interface Engine {
  config: Config;
  store: Store;
  clock: Clock;
  items: ItemService;
  customers: CustomerService;
  events: EventService;
  identities: IdentityService;
  privacy: PrivacyService;
  keys: ApiKeyService;
  imports: ImportService;
  jobs: JobQueue;
  /** Dashboard aggregates over the event log. */
  overview: OverviewService;
  /** The secret browser identity merges are signed with. */
  identitySecret: IdentitySecret;
  /** Customer analytics: stored profiles (folded by a job), batch scores, saved segments. */
  customerAnalytics: {
    profiles: ProfileTailer;
    analytics: AnalyticsService;
    segments: SegmentService;
    insights: CustomerInsights;
  };
  /** Product search over the catalogue (index loaded on first use, kept fresh). */
  search: SearchService;
  /** Recommendations: serving (model loaded on first use) and training. */
  recommendations: RecommendationService;
  /** Store platforms: Shopify and WooCommerce connections, and the Segment-compatible tracking endpoint. */
  connectors: { stores: ConnectorService; segment: SegmentIntake };
  /** Demand forecasts and inventory status (computed by a job, stored). */
  forecasts: ForecastService;
  /** Elasticities and price suggestions (computed by a job, decided by people). */
  pricing: PricingService;
  /** Closes the store and stops background work. */
  close(): Promise<void>;
}

/** Opens the store named by the configuration (migrating it) and builds the services; the clock defaults to config.now's. */
export async function createEngine(config: Config, clock: Clock = configuredClock(config.now)): Promise<Engine> {
  const store = await Store.open(config.databaseUrl);
  const items = new ItemService(store, clock);
  const customers = new CustomerService(store, clock);
  const events = new EventService(store, clock, config);
  const privacy = new PrivacyService(store, clock, config.eraseMode);
  const jobs = new JobQueue(store, clock);
  const customerAnalytics = customerAnalyticsServices(store, clock);
  defineCustomerJobs(jobs, customerAnalytics);
  await scheduleCustomerJobs(jobs, clock);
  privacy.onErase((customerId) => customerAnalytics.insights.forget(customerId));
  const search = new SearchService(store, clock, events);
  items.onChange(search);
  defineSearchJobs(jobs, search, store, clock);
  await scheduleSearchJobs(jobs, clock);
  privacy.onErase((customerId) => {
    search.forgetCustomer(customerId);
    return Promise.resolve();
  });
  const recommendations = new RecommendationService(store, items, clock);
  defineRecommendJobs(jobs, recommendations);
  await scheduleRecommendJobs(jobs, clock, config.retrainHours);
  privacy.onErase(async (customerId) => {
    await store.recommendationLog.deleteForCustomer(customerId);
  });
  const imports = new ImportService(store, clock, { items, customers, events }, config);
  defineImportJobs(jobs, imports, store);
  defineEvaluateJobs(jobs, store, clock);
  const identities = new IdentityService(store, clock);
  const intake = new EcommerceIntake(store, clock, { items, events, identities });
  const connectors = { stores: new ConnectorService(store, clock, intake), segment: new SegmentIntake(intake) };
  defineConnectorJobs(jobs, connectors.stores);
  const forecasts = new ForecastService(store, clock);
  const pricing = new PricingService(store, items, clock);
  defineForecastJobs(jobs, forecasts, pricing);
  await scheduleForecastJobs(jobs, clock);
  return {
    config,
    store,
    clock,
    items,
    customers,
    events,
    identities,
    privacy,
    keys: new ApiKeyService(store, clock),
    imports,
    jobs,
    overview: new OverviewService(store, clock),
    identitySecret: new IdentitySecret(store, config.identitySecret),
    customerAnalytics,
    search,
    recommendations,
    connectors,
    forecasts,
    pricing,
    close: async () => {
      await recommendations.close();
      search.stop();
      await search.flushLogs();
      await store.close();
    },
  };
}

/** The customer analytics services over one store. */
function customerAnalyticsServices(store: Store, clock: Clock): Engine['customerAnalytics'] {
  const segments = new SegmentService(store, clock);
  const profiles = new ProfileTailer(store, segments, clock);
  const analytics = new AnalyticsService(store, profiles, segments, clock);
  return { profiles, analytics, segments, insights: new CustomerInsights(store, clock) };
}
