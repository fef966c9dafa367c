/** Changes a connected store's address or credentials in place (its id and webhook address stay). */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError, api } from '../api.js';
import type { Connector } from '../types.js';
import { FIELDS } from './connector-form.js';
import { ProblemBox } from './ui.js';

/** The change form of one connector; only the fields filled in are sent. */
export function ConnectorChange(props: { connector: Connector; onDone: () => void }): JSX.Element {
  const c = props.connector;
  const [values, setValues] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();

  const save = async () => {
    const body = Object.fromEntries(
      Object.entries(values)
        .map(([k, v]) => [k, v.trim()] as const)
        .filter(([, v]) => v !== ''),
    );
    setBusy(true);
    setError(undefined);
    try {
      await api(`/v1/connectors/${encodeURIComponent(c.id)}`, { method: 'PATCH', body });
      setValues({});
      props.onDone();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'Unexpected error', String(e)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      class="form"
      data-testid="connector-change"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div class="form-row">
        {FIELDS[c.platform].map((f) => {
          const common = {
            value: values[f.name] ?? '',
            placeholder: f.secret ? `unchanged (${c.credentials[f.name] ?? '…'})` : c.baseUrl,
            onInput: (e: { currentTarget: HTMLInputElement }) => {
              const value = e.currentTarget.value;
              setValues((v) => ({ ...v, [f.name]: value }));
            },
            'data-testid': `connector-change-${f.name}`,
          };
          return (
            <label class="field" key={f.name}>
              <span>{f.label.replace(' (optional: generated)', '')}</span>
              {f.secret ? (
                <input type="password" autoComplete="new-password" {...common} />
              ) : (
                <input type="text" autoComplete="off" {...common} />
              )}
            </label>
          );
        })}
      </div>
      <div class="form-actions">
        <button type="submit" class="btn primary small" disabled={busy} data-testid="connector-change-save">
          {busy ? 'Saving…' : 'Save'}
        </button>
        <span class="muted small">Only the fields you fill in change.</span>
      </div>
      <ProblemBox error={error} />
    </form>
  );
}
