/** `daogou keys identity-secret`: prints the secret merchants sign customer ids with, the same every time. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IDENTITY_SECRET_META_KEY } from '../../src/platform/identity-secret.js';
import { readCustomerToken } from '../../src/platform/signatures.js';
import { Store } from '../../src/store/store.js';
import { runDaogou } from '../helpers/run-cli.js';

describe('daogou keys identity-secret', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'daogou-secret-'));
  const db = `sqlite:${path.join(dir, 'daogou.db')}`;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('generates the secret once, stores it, and prints it', async () => {
    const first = await runDaogou(['--database', db, 'keys', 'identity-secret']);
    expect(first.code).toBe(0);
    const secret = first.stdout.trim();
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    const again = await runDaogou(['--database', db, 'keys', 'identity-secret', '--json']);
    expect(JSON.parse(again.stdout)).toEqual({ secret, source: 'database' });
    const store = await Store.open(db);
    expect(await store.meta.get(IDENTITY_SECRET_META_KEY)).toBe(secret);
    await store.close();
  });

  it('prints the configured secret when DAOGOU_IDENTITY_SECRET is set', async () => {
    process.env.DAOGOU_IDENTITY_SECRET = 'configured-0123456789';
    try {
      const run = await runDaogou(['--database', db, 'keys', 'identity-secret', '--json']);
      expect(JSON.parse(run.stdout)).toEqual({ secret: 'configured-0123456789', source: 'DAOGOU_IDENTITY_SECRET' });
    } finally {
      delete process.env.DAOGOU_IDENTITY_SECRET;
    }
  });

  it('issues a customer token signed with that secret, and refuses a bad lifetime', async () => {
    const secret = (await runDaogou(['--database', db, 'keys', 'identity-secret'])).stdout.trim();
    const run = await runDaogou(['--database', db, 'keys', 'customer-token', 'C00010', '--ttl', '3600', '--json']);
    expect(run.code).toBe(0);
    const issued = JSON.parse(run.stdout) as { customerId: string; token: string };
    expect(readCustomerToken(secret, issued.token)).toMatchObject({ valid: true, customerId: 'C00010' });
    const bad = await runDaogou(['--database', db, 'keys', 'customer-token', 'C00010', '--ttl', 'forever']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--ttl/);
  });
});
