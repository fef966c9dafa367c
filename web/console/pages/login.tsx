/** The sign-in screen: the admin pastes an API key, which is checked against the API before it is kept. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError, api } from '../api.js';

/** Login form; `message` is why the console came back here (a refused key), if it did. */
export function LoginPage(props: { message?: string | undefined; onLogin: (key: string) => void }): JSX.Element {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | undefined>(props.message);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    const trimmed = key.trim();
    if (!trimmed) {
      setError('Paste an admin API key (it starts with dg_adm_).');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      // /v1/stats needs the admin scope, so it proves the key can drive the whole console.
      await api('/v1/stats', { key: trimmed });
      props.onLogin(trimmed);
    } catch (e) {
      if (e instanceof ApiError && e.status === 403) setError(`${e.message}. The console needs an admin key.`);
      else setError(e instanceof ApiError ? e.message : String(e));
      setBusy(false);
    }
  };

  return (
    <div class="login">
      <form class="login-card" onSubmit={(e) => void submit(e)}>
        <div class="login-brand">
          <span class="brand-mark big" aria-hidden="true">
            导
          </span>
          <div>
            <h1>Daogou console</h1>
            <p>导购 · the AI engine for your store</p>
          </div>
        </div>
        <label class="field">
          <span>Admin API key</span>
          <input
            type="password"
            autoComplete="off"
            spellcheck={false}
            placeholder="dg_adm_…"
            value={key}
            onInput={(e) => setKey(e.currentTarget.value)}
            data-testid="api-key-input"
            autoFocus
          />
        </label>
        {error && (
          <div class="problem" role="alert" data-testid="login-error">
            {error}
          </div>
        )}
        <button type="submit" class="btn primary block" disabled={busy} data-testid="login-button">
          {busy ? 'Checking…' : 'Sign in'}
        </button>
        <p class="login-hint">
          The key is kept for this browser tab only. Create one with <code>daogou keys create --scope admin</code>; the
          demo prints one when it starts.
        </p>
      </form>
    </div>
  );
}
