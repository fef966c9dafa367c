import { afterEach, describe, expect, it, vi } from 'vitest';
import { Identity, RECENT_ITEMS, STORAGE_KEYS } from './identity.js';
import { randomId } from './ids.js';
import { ConsentedStorage, MemoryStorage, cookieStorage, resolveStorage } from './storage.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function setup(persistent = true) {
  const durable = new MemoryStorage();
  let time = 1_000_000;
  const storage = new ConsentedStorage(durable, persistent);
  const identity = new Identity(storage, () => time);
  return { durable, storage, identity, advance: (ms: number) => (time += ms) };
}

describe('randomId', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('makes distinct v4 UUIDs', () => {
    const ids = new Set(Array.from({ length: 200 }, randomId));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(UUID);
  });

  it('falls back to getRandomValues, then Math.random, outside secure contexts', () => {
    vi.stubGlobal('crypto', { getRandomValues: (a: Uint8Array) => a.fill(0xff) });
    expect(randomId()).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
    vi.stubGlobal('crypto', undefined);
    expect(randomId()).toMatch(UUID);
  });
});

describe('Identity', () => {
  it('keeps one anonymous id in storage', () => {
    const { identity, durable } = setup();
    const id = identity.anonymousId();
    expect(id).toMatch(UUID);
    expect(identity.anonymousId()).toBe(id);
    expect(durable.getItem(STORAGE_KEYS.anonymousId)).toBe(id);
  });

  it('keeps the session while active and rotates it after 30 minutes without activity', () => {
    const { identity, advance } = setup();
    const first = identity.sessionId();
    advance(29 * 60_000);
    expect(identity.sessionId()).toBe(first);
    // Each use is activity: another 29 minutes later it is still the same session.
    advance(29 * 60_000);
    expect(identity.sessionId()).toBe(first);
    expect(identity.currentSessionId()).toBe(first);
    advance(30 * 60_000 + 1);
    expect(identity.currentSessionId()).toBeNull();
    const second = identity.sessionId();
    expect(second).not.toBe(first);
    expect(second).toMatch(UUID);
  });

  it('shares state with another page reading the same storage', () => {
    const { identity, storage } = setup();
    const other = new Identity(storage, () => 1_000_000);
    expect(other.anonymousId()).toBe(identity.anonymousId());
    expect(other.sessionId()).toBe(identity.sessionId());
  });

  it('tracks the customer and whether the current anonymous id was merged', () => {
    const { identity } = setup();
    expect(identity.customerId()).toBeNull();
    identity.setCustomer('C1');
    expect(identity.customerId()).toBe('C1');
    expect(identity.isMerged('C1')).toBe(false);
    identity.markMerged('C1', identity.anonymousId());
    expect(identity.isMerged('C1')).toBe(true);
    identity.setCustomer('C1');
    expect(identity.isMerged('C1')).toBe(true);
  });

  it('keeps the newest recently touched items, oldest first, without repeats', () => {
    const { identity } = setup();
    for (let i = 0; i < RECENT_ITEMS + 5; i++) identity.touchItem(`i${i}`);
    identity.touchItem('i10');
    const recent = identity.recentItems();
    expect(recent).toHaveLength(RECENT_ITEMS);
    expect(recent.at(-1)).toBe('i10');
    expect(recent[0]).toBe('i5');
    expect(new Set(recent).size).toBe(RECENT_ITEMS);
  });

  it('reset() forgets the customer and makes a new anonymous id', () => {
    const { identity } = setup();
    const before = identity.anonymousId();
    identity.setCustomer('C1');
    identity.touchItem('i1');
    identity.reset();
    expect(identity.customerId()).toBeNull();
    expect(identity.recentItems()).toEqual([]);
    expect(identity.anonymousId()).not.toBe(before);
  });

  it('writes nothing durable without consent, and erases durable state when consent is withdrawn', () => {
    const { identity, storage, durable } = setup(false);
    identity.anonymousId();
    identity.sessionId();
    expect(durable.getItem(STORAGE_KEYS.anonymousId)).toBeNull();
    storage.setPersistent(true, []);
    identity.anonymousId();
    identity.touchItem('i1');
    expect(durable.getItem(STORAGE_KEYS.anonymousId)).not.toBeNull();
    storage.setPersistent(false, Object.values(STORAGE_KEYS));
    for (const key of Object.values(STORAGE_KEYS)) expect(durable.getItem(key)).toBeNull();
  });

  it('survives a storage that throws', () => {
    const broken = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    const identity = new Identity(new ConsentedStorage(broken, true), () => 0);
    expect(identity.anonymousId()).toMatch(UUID);
    expect(() => identity.reset()).not.toThrow();
  });
});

describe('storage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('falls back to memory in Node', () => {
    expect(resolveStorage('auto')).toBeInstanceOf(MemoryStorage);
    expect(resolveStorage('local')).toBeInstanceOf(MemoryStorage);
  });

  it('reads and writes first-party cookies', () => {
    const jar = new Map<string, string>();
    const document = {
      get cookie() {
        return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
      },
      set cookie(text: string) {
        const [pair, ...attributes] = text.split('; ');
        const [name, value] = pair!.split('=') as [string, string];
        if (attributes.includes('Max-Age=0')) jar.delete(name);
        else jar.set(name, value);
      },
    };
    vi.stubGlobal('document', document);
    const cookies = cookieStorage()!;
    cookies.setItem('daogou.anonymousId', 'a b;c');
    cookies.setItem('other', 'x');
    expect(cookies.getItem('daogou.anonymousId')).toBe('a b;c');
    cookies.removeItem('daogou.anonymousId');
    expect(cookies.getItem('daogou.anonymousId')).toBeNull();
    expect(cookies.getItem('other')).toBe('x');
    expect(resolveStorage('auto')).not.toBeInstanceOf(MemoryStorage);
  });
});
