/** A secret shown only by its last characters, with a button that copies the whole of it. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { Icon } from './icons.js';

/** The masked form of a secret: dots and its last four characters (never the whole). */
export function maskSecret(secret: string): string {
  return secret.length <= 4 ? '••••' : `••••••••${secret.slice(-4)}`;
}

/** A masked secret; `copy` puts the full value on the clipboard without putting it on the page. */
export function MaskedSecret({ value, testid }: { value: string; testid?: string }): JSX.Element {
  const [copied, setCopied] = useState(false);
  return (
    <div class="key-box">
      <code data-testid={testid}>{maskSecret(value)}</code>
      <button
        type="button"
        class="btn small"
        onClick={() => void navigator.clipboard?.writeText(value).then(() => setCopied(true))}
      >
        <Icon name="copy" size={14} /> {copied ? 'Copied' : 'Copy'}
      </button>
    </div>
  );
}

/** A value that is fine to show (an address), with a copy button. */
export function CopyValue({ value, testid }: { value: string; testid?: string }): JSX.Element {
  const [copied, setCopied] = useState(false);
  return (
    <div class="key-box">
      <code data-testid={testid}>{value}</code>
      <button
        type="button"
        class="btn small"
        onClick={() => void navigator.clipboard?.writeText(value).then(() => setCopied(true))}
      >
        <Icon name="copy" size={14} /> {copied ? 'Copied' : 'Copy'}
      </button>
    </div>
  );
}
