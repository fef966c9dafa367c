/**
 * Headless Chromium for the end-to-end tests: Debian's `chromium` driven by playwright-core. Without it the
 * browser tests skip with a message — except in CI, where `.ci/run` installs it and its absence fails the run.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** The browser executable (env DAOGOU_CHROMIUM to override). */
export const CHROMIUM_PATH = process.env.DAOGOU_CHROMIUM ?? '/usr/bin/chromium';

/** Where the tests write their screenshots. */
export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '..', '..', 'test-results', 'screenshots');

/** Whether the browser tests can run here; in CI a missing browser is an error, not a skip. */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  const message = `Chromium is not installed at ${CHROMIUM_PATH} (apt-get install chromium); skipping the browser tests`;
  if (process.env.CI) throw new Error(message.replace('; skipping the browser tests', ' and CI needs it'));
  console.warn(message);
  return false;
}

/** Launches headless Chromium with flags that keep it off the network and quiet. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** The path for a named screenshot (the folder is made on first use). */
export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return path.join(SCREENSHOT_DIR, `${name}.png`);
}
