/** API keys: who can call Daogou; create one (its secret is shown once) or revoke one. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError, api } from '../api.js';
import { Icon } from '../components/icons.js';
import { Badge, Card, Loading, PageHeader, ProblemBox, type Tone } from '../components/ui.js';
import { formatAgo, formatDate } from '../format.js';
import { useResource } from '../hooks.js';
import type { ApiKey } from '../types.js';

const SCOPES: [string, string, string][] = [
  ['public', 'Public (browser)', 'Safe to embed in a page: tracks events, reads recommendations and search.'],
  ['ingest', 'Ingest (server)', 'For your backend: writes and reads the catalogue, customers and events.'],
  ['admin', 'Admin', 'Everything, including this console and key management. Keep it secret.'],
];
const SCOPE_TONES: Record<string, Tone> = { admin: 'bad', ingest: 'warn', public: 'info' };

function asError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError(0, 'Unexpected error', String(e));
}

/** The plaintext of a new key, with a copy button; it is never shown again. */
function CreatedKey({ created }: { created: ApiKey & { key: string } }): JSX.Element {
  const [copied, setCopied] = useState(false);
  return (
    <div class="created-key">
      <div>
        <strong>Key “{created.name}” created.</strong> Copy it now: Daogou keeps only its hash and cannot show it again.
      </div>
      <div class="key-box">
        <code data-testid="key-created">{created.key}</code>
        <button
          type="button"
          class="btn small"
          onClick={() => void navigator.clipboard?.writeText(created.key).then(() => setCopied(true))}
        >
          <Icon name="copy" size={14} /> {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
    </div>
  );
}

/** The keys page (/console/keys). */
export function KeysPage(): JSX.Element {
  const keys = useResource((signal) => api<{ keys: ApiKey[] }>('/v1/keys', { signal }), []);
  const [name, setName] = useState('');
  const [scope, setScope] = useState('public');
  const [created, setCreated] = useState<ApiKey & { key: string }>();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState<string>();

  const create = async () => {
    setBusy('create');
    setError(undefined);
    try {
      setCreated(
        await api<ApiKey & { key: string }>('/v1/keys', { method: 'POST', body: { name: name.trim(), scope } }),
      );
      setName('');
      keys.reload();
    } catch (e) {
      setError(asError(e));
    } finally {
      setBusy(undefined);
    }
  };
  // Revocation is immediate and final; the server refuses to revoke the key this console signed in with.
  const revoke = async (k: ApiKey) => {
    setBusy(k.id);
    setError(undefined);
    try {
      await api(`/v1/keys/${encodeURIComponent(k.id)}`, { method: 'DELETE' });
      keys.reload();
    } catch (e) {
      setError(asError(e));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <div class="page">
      <PageHeader
        title="API keys"
        subtitle="Keys are stored as hashes; a revoked key stops working within 10 seconds"
      />
      <Card title="Create a key">
        <form
          class="form-inline"
          onSubmit={(e) => {
            e.preventDefault();
            void create();
          }}
        >
          <label class="field grow">
            <span>Name</span>
            <input
              value={name}
              onInput={(e) => setName(e.currentTarget.value)}
              placeholder="e.g. Storefront (production)"
              data-testid="key-create-name"
            />
          </label>
          <label class="field grow">
            <span>Scope</span>
            <select value={scope} onChange={(e) => setScope(e.currentTarget.value)} data-testid="key-create-scope">
              {SCOPES.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <button
            type="submit"
            class="btn primary"
            disabled={!name.trim() || busy !== undefined}
            data-testid="key-create-button"
          >
            {busy === 'create' ? 'Creating…' : 'Create key'}
          </button>
        </form>
        <p class="muted small scope-note">{SCOPES.find(([value]) => value === scope)?.[2]}</p>
        {created && <CreatedKey created={created} />}
      </Card>
      <ProblemBox error={error ?? keys.error} />
      <Card title="Keys" flush>
        {keys.loading && !keys.data && <Loading />}
        <div class="table-scroll">
          <table class="table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Scope</th>
                <th class="hide-sm">Key</th>
                <th class="hide-sm">Created</th>
                <th class="hide-sm">Last used</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {keys.data?.keys.map((k) => (
                <tr
                  key={k.id}
                  data-testid="key-row"
                  data-key-id={k.id}
                  data-revoked={k.revokedAt !== null}
                  class={k.revokedAt ? 'inactive' : undefined}
                >
                  <td>
                    <strong>{k.name}</strong>
                    {k.current && <Badge tone="good">this console</Badge>}
                  </td>
                  <td>
                    <Badge tone={SCOPE_TONES[k.scope] ?? 'neutral'}>{k.scope}</Badge>
                  </td>
                  <td class="mono hide-sm">{k.prefix}…</td>
                  <td class="hide-sm">{formatDate(k.createdAt)}</td>
                  <td class="hide-sm">{k.lastUsedAt ? formatAgo(k.lastUsedAt) : <span class="muted">never</span>}</td>
                  <td class="num">
                    {k.revokedAt ? (
                      <span class="muted">revoked {formatDate(k.revokedAt)}</span>
                    ) : (
                      <button
                        type="button"
                        class="btn small danger ghost"
                        disabled={k.current || busy !== undefined}
                        title={k.current ? 'This is the key you signed in with' : 'Revoke: the key stops working'}
                        onClick={() => void revoke(k)}
                        data-testid="key-revoke"
                      >
                        {busy === k.id ? 'Revoking…' : 'Revoke'}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
    </div>
  );
}
