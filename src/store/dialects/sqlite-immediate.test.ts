import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Store } from '../store.js';

const T0 = Date.UTC(2026, 0, 1);

describe('SQLite transactions of two connections on one file', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'daogou-immediate-'));
  const url = `sqlite:${path.join(dir, 'daogou.db')}`;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a transaction waits for the other connection to commit, and its connection keeps reading meanwhile', async () => {
    const first = await Store.open(url);
    const second = await Store.open(url);
    try {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let firstWrote!: () => void;
      const wrote = new Promise<void>((resolve) => (firstWrote = resolve));
      const long = first.transaction(async (repos) => {
        await repos.meta.set('owner', 'first', T0);
        firstWrote();
        await held;
      });
      await wrote;
      // Read first, write later, as the profile tailer and the import do: this used to fail at once.
      const waiting = second.transaction(async (repos) => {
        const owner = await repos.meta.get('owner');
        await repos.meta.set('owner', `second after ${owner ?? 'nobody'}`, T0);
      });
      let settled = false;
      void waiting.finally(() => (settled = true));
      // A process starting meanwhile runs its migration check once the write lock is free.
      const third = Store.open(url);
      // The waiting transaction does not hold its thread or its connection: reads answer.
      expect(await second.meta.get('missing')).toBeUndefined();
      expect(await second.ping()).toBe(true);
      expect(settled).toBe(false);
      release();
      await long;
      await waiting;
      expect(await second.meta.get('owner')).toBe('second after first');
      await (await third).close();
    } finally {
      await first.close();
      await second.close();
    }
  });
});
