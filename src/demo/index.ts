/** The demo store generator: a realistic, deterministic bilingual shop to load into an empty database. */
export {
  generateDemoStore,
  planDemoStore,
  resolveDemoOptions,
  demoWindow,
  type DemoStore,
  type DemoStoreOptions,
  type DemoStorePlan,
} from './generate-demo-store.js';
