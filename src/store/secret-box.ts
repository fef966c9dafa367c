/**
 * Secrets the store keeps (connector credentials and webhook secrets) are sealed with AES-256-GCM under a key
 * from the configuration (`DAOGOU_SECRET_KEY`), the same key in every process. A sealed value reads
 * `enc:v1:<iv>:<tag>:<ciphertext>` (base64); anything else is a plaintext value written before a key was set.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const PREFIX = 'enc:v1:';

/** Whether a stored value is sealed (rather than plaintext from before a key was set). */
export function isSealed(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

/** AES-256-GCM with one 32-byte key. */
export class SecretBox {
  private readonly key: Buffer;

  /** `text`: 64 hex digits or the base64 of 32 bytes (e.g. `openssl rand -base64 32`). */
  constructor(text: string) {
    const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
    if (key.length !== 32) {
      throw new Error('DAOGOU_SECRET_KEY must be 32 bytes: 64 hex digits or base64 (openssl rand -base64 32)');
    }
    this.key = key;
  }

  /** Seals a value with a fresh random IV. */
  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${PREFIX}${iv.toString('base64')}:${cipher.getAuthTag().toString('base64')}:${body.toString('base64')}`;
  }

  /** Opens a sealed value; a wrong key (or a changed value) fails the authentication and throws. */
  open(stored: string): string {
    const [iv, tag, body] = stored.slice(PREFIX.length).split(':');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv ?? '', 'base64'));
      decipher.setAuthTag(Buffer.from(tag ?? '', 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(body ?? '', 'base64')), decipher.final()]).toString('utf8');
    } catch {
      throw new Error(
        'a stored secret does not open with DAOGOU_SECRET_KEY: every process needs the key it was sealed with',
      );
    }
  }
}

/** The plaintext of a stored value: sealed values need the box, plaintext ones (older rows) pass through. */
export function openStored(stored: string, box: SecretBox | null): string {
  if (!isSealed(stored)) return stored;
  if (!box) {
    throw new Error(
      'connector credentials in the database are encrypted: set DAOGOU_SECRET_KEY to the key they were sealed with (the same in every process)',
    );
  }
  return box.open(stored);
}

/** What to store: sealed when there is a key, else as given (plaintext, as before keys existed). */
export function sealForStore(plain: string, box: SecretBox | null): string {
  return box ? box.seal(plain) : plain;
}
