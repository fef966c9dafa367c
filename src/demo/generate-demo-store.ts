/** The demo store: a deterministic bilingual catalogue, customers and six months of behaviour. */
import type { CustomerInput, EventInput, ItemInput, MergeInput } from '../domain/index.js';
import { generateBehaviour } from './generate-behaviour.js';
import { generateCatalogue, type DemoCatalogue } from './generate-catalogue.js';
import { generateShoppers, type ShopperProfile } from './generate-customers.js';
import { DAY_MS, startOfUtcDay } from './demo-time.js';
import { deriveSeed, Random } from './random.js';

/** Options of the demo store; every field has a default. */
export interface DemoStoreOptions {
  /** PRNG seed (default 42). */
  seed?: number;
  /** Epoch ms the history ends at (default: today 00:00 UTC). */
  anchor?: number;
  /** Catalogue size (default 3,000). */
  items?: number;
  /** Registered customers (default 5,000); anonymous visitors are half as many again. */
  customers?: number;
  /** Days of history (default 180). */
  days?: number;
}

/** A whole demo store, ready to load. */
export interface DemoStore {
  items: ItemInput[];
  customers: CustomerInput[];
  /** In time order, ids `demo-e0000001`…, all before the anchor. */
  events: EventInput[];
  /** Anonymous ids that belong to customers (they browsed before signing up): merge after loading events. */
  merges: MergeInput[];
}

/** A demo store whose events are produced lazily, one day at a time, to keep memory low. */
export interface DemoStorePlan {
  readonly items: ItemInput[];
  readonly customers: CustomerInput[];
  readonly merges: MergeInput[];
  /** The resolved options. */
  readonly options: Required<DemoStoreOptions>;
  /** The latent truth behind the data (tastes, lifecycles, popularity) for tests and benchmarks. */
  readonly truth: { readonly catalogue: DemoCatalogue; readonly profiles: readonly ShopperProfile[] };
  /** Each day's events, oldest day first; iterating again replays the identical history. */
  eventBatches(): Generator<EventInput[], void, undefined>;
}

/** Resolves options against the defaults. */
export function resolveDemoOptions(options: DemoStoreOptions = {}): Required<DemoStoreOptions> {
  const resolved = {
    seed: options.seed ?? 42,
    anchor: options.anchor ?? startOfUtcDay(Date.now()),
    items: options.items ?? 3000,
    customers: options.customers ?? 5000,
    days: options.days ?? 180,
  };
  for (const [key, value] of Object.entries(resolved)) {
    if (!Number.isInteger(value) || (key !== 'seed' && value < 1)) {
      throw new RangeError(`demo store option ${key} must be a positive integer, got ${value}`);
    }
  }
  if (resolved.items < 40) throw new RangeError('demo store needs at least 40 items (one per category)');
  return resolved;
}

/** Builds catalogue and customers now and the events on demand. */
export function planDemoStore(options: DemoStoreOptions = {}): DemoStorePlan {
  const resolved = resolveDemoOptions(options);
  const { seed, anchor, days } = resolved;
  // Separate streams per stage: changing the number of customers leaves the catalogue as it was.
  const catalogue = generateCatalogue(new Random(deriveSeed(seed, 'catalogue')), resolved.items, anchor, days);
  const shoppers = generateShoppers(
    new Random(deriveSeed(seed, 'customers')),
    catalogue,
    resolved.customers,
    anchor,
    days,
  );
  return {
    items: catalogue.items.map((i) => i.input),
    customers: shoppers.customers,
    merges: shoppers.merges,
    options: resolved,
    truth: { catalogue, profiles: shoppers.profiles },
    eventBatches: () => generateBehaviour(new Random(deriveSeed(seed, 'behaviour')), catalogue, shoppers, anchor, days),
  };
}

/** Generates the whole demo store in memory (about 200,000 events by default). */
export function generateDemoStore(options: DemoStoreOptions = {}): DemoStore {
  const plan = planDemoStore(options);
  const events: EventInput[] = [];
  for (const batch of plan.eventBatches()) for (const e of batch) events.push(e);
  return { items: plan.items, customers: plan.customers, events, merges: plan.merges };
}

/** The time window the history covers, epoch ms: [start, end) = [anchor - days, anchor). */
export function demoWindow(options: Required<DemoStoreOptions>): { start: number; end: number } {
  return { start: options.anchor - options.days * DAY_MS, end: options.anchor };
}
