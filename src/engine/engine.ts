/**
 * The composition root: one store and the services built on it, shared by the HTTP server and the CLI.
 * Capabilities are wired here so that neither the server nor the CLI builds services itself.
 */
import type { Config } from '../config/config.js';
import { ApiKeyService } from '../platform/api-key-service.js';
import { systemClock, type Clock } from '../platform/clock.js';
import { CustomerService } from '../platform/customer-service.js';
import { EventService } from '../platform/event-service.js';
import { IdentityService } from '../platform/identity-service.js';
import { ImportService } from '../platform/import-service.js';
import { ItemService } from '../platform/item-service.js';
import { PrivacyService } from '../platform/privacy-service.js';
import { Store } from '../store/store.js';
import { JobQueue } from '../jobs/job-queue.js';

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
  /** Closes the store and stops background work. */
  close(): Promise<void>;
}

/** Opens the store named by the configuration (migrating it) and builds the services. */
export async function createEngine(config: Config, clock: Clock = systemClock): Promise<Engine> {
  const store = await Store.open(config.databaseUrl);
  const items = new ItemService(store, clock);
  const customers = new CustomerService(store, clock);
  const events = new EventService(store, clock, config);
  return {
    config,
    store,
    clock,
    items,
    customers,
    events,
    identities: new IdentityService(store, clock),
    privacy: new PrivacyService(store, clock, config.eraseMode),
    keys: new ApiKeyService(store, clock),
    imports: new ImportService(store, clock, { items, customers, events }, config),
    jobs: new JobQueue(store, clock),
    close: () => store.close(),
  };
}
