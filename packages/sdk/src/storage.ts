/** Where visitor state lives: localStorage, a first-party cookie, or memory (Node, or storage blocked). */

/** A string key/value store; `localStorage` is one. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Which storage to use: `auto` tries localStorage, then a cookie, then memory. */
export type StorageOption = 'auto' | 'local' | 'cookie' | 'memory' | KeyValueStorage;

/** State kept in memory only: gone when the page or process ends. */
export class MemoryStorage implements KeyValueStorage {
  private readonly map = new Map<string, string>();
  /** Reads a value. */
  getItem(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  /** Writes a value. */
  setItem(key: string, value: string): void {
    this.map.set(key, value);
  }
  /** Removes a value. */
  removeItem(key: string): void {
    this.map.delete(key);
  }
}

// Structural views of the browser globals, so the SDK compiles (and runs) without the DOM library.
interface DocumentLike {
  cookie: string;
}
interface BrowserGlobals {
  localStorage?: KeyValueStorage;
  document?: DocumentLike;
  location?: { protocol?: string };
}
const browser = () => globalThis as BrowserGlobals;

/** localStorage when it exists and accepts writes (Safari private mode and sandboxed frames throw). */
export function localStorageIfUsable(): KeyValueStorage | undefined {
  try {
    const storage = browser().localStorage;
    if (!storage) return undefined;
    storage.setItem('daogou.probe', '1');
    storage.removeItem('daogou.probe');
    return storage;
  } catch {
    return undefined;
  }
}

// Cookies travel with every request to the shop's server, so only small values are kept in them.
const MAX_COOKIE_VALUE = 2000;
const COOKIE_MAX_AGE = 60 * 60 * 24 * 365;

/** A first-party cookie store, when there is a document. */
export function cookieStorage(): KeyValueStorage | undefined {
  const doc = browser().document;
  if (!doc || typeof doc.cookie !== 'string') return undefined;
  const secure = browser().location?.protocol === 'https:' ? '; Secure' : '';
  const write = (key: string, value: string, maxAge: number) => {
    doc.cookie = `${encodeURIComponent(key)}=${encodeURIComponent(value)}; Path=/; Max-Age=${maxAge}; SameSite=Lax${secure}`;
  };
  return {
    getItem(key) {
      const prefix = `${encodeURIComponent(key)}=`;
      for (const part of doc.cookie.split(';')) {
        const cookie = part.trim();
        if (cookie.startsWith(prefix)) return decodeURIComponent(cookie.slice(prefix.length));
      }
      return null;
    },
    setItem(key, value) {
      if (value.length <= MAX_COOKIE_VALUE) write(key, value, COOKIE_MAX_AGE);
    },
    removeItem(key) {
      write(key, '', 0);
    },
  };
}

/** The storage an option names; anything unavailable falls back to memory. */
export function resolveStorage(option: StorageOption = 'auto'): KeyValueStorage {
  if (typeof option === 'object') return option;
  if (option === 'local') return localStorageIfUsable() ?? new MemoryStorage();
  if (option === 'cookie') return cookieStorage() ?? new MemoryStorage();
  if (option === 'memory') return new MemoryStorage();
  return localStorageIfUsable() ?? cookieStorage() ?? new MemoryStorage();
}

/**
 * Visitor state that is written through to real storage only while the visitor consents: without
 * consent it lives in memory, and withdrawing consent erases what was stored.
 */
export class ConsentedStorage {
  private current: KeyValueStorage;

  constructor(
    private readonly durable: KeyValueStorage,
    private persistent: boolean,
  ) {
    this.current = persistent ? durable : new MemoryStorage();
  }

  /** Reads a value (errors from a broken storage read as absent). */
  get(key: string): string | null {
    try {
      return this.current.getItem(key);
    } catch {
      return null;
    }
  }

  /** Writes a value; a full or blocked storage is ignored rather than breaking the shop. */
  set(key: string, value: string): void {
    try {
      this.current.setItem(key, value);
    } catch {
      // Quota exceeded or storage disabled: the value lives for this call only.
    }
  }

  /** Removes a value. */
  remove(key: string): void {
    try {
      this.current.removeItem(key);
    } catch {
      // As in set.
    }
  }

  /** A JSON value, or undefined when absent or unreadable. */
  getJson<T>(key: string): T | undefined {
    const text = this.get(key);
    if (text === null) return undefined;
    try {
      return JSON.parse(text) as T;
    } catch {
      return undefined;
    }
  }

  /** Writes a JSON value. */
  setJson(key: string, value: unknown): void {
    this.set(key, JSON.stringify(value));
  }

  /** Switches between durable and memory storage; turning persistence off erases `keys` from durable storage. */
  setPersistent(persistent: boolean, keys: readonly string[]): void {
    if (persistent === this.persistent) return;
    this.persistent = persistent;
    if (persistent) {
      this.current = this.durable;
      return;
    }
    this.current = new MemoryStorage();
    for (const key of keys) {
      try {
        this.durable.removeItem(key);
      } catch {
        // Nothing more can be done about a storage that refuses removal.
      }
    }
  }

  /** Reads a value from durable storage whatever the consent (used for the consent choice itself). */
  getDurable(key: string): string | null {
    try {
      return this.durable.getItem(key);
    } catch {
      return null;
    }
  }

  /** Writes to durable storage whatever the consent: only the visitor's consent choice goes here. */
  setDurable(key: string, value: string): void {
    try {
      this.durable.setItem(key, value);
    } catch {
      // As in set.
    }
  }
}
