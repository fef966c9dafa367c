/**
 * The fixed "now" of every test engine and CLI run, so no test depends on the day it runs: fixtures'
 * histories end at or before it, and windows such as "the last 30 days" are counted back from it.
 */
import { loadConfig, type Config } from '../../src/config/config.js';

/** The moment tests run at: noon UTC on 1 November 2026, the end of the small store's history. */
export const TEST_NOW = Date.UTC(2026, 10, 1, 12);

/** The default configuration with the clock fixed to TEST_NOW, plus overrides. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({}), now: TEST_NOW, ...overrides };
}
