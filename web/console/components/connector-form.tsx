/** The form that connects a Shopify or WooCommerce store; secrets are typed into password fields and never shown back. */
import type { JSX, TargetedInputEvent } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError, api } from '../api.js';
import type { Connector } from '../types.js';
import { CopyValue, MaskedSecret } from './masked-secret.js';
import { ProblemBox } from './ui.js';

type Platform = Connector['platform'];

/** One field of a connect form. */
export interface FieldSpec {
  name: string;
  label: string;
  placeholder: string;
  secret: boolean;
  optional?: boolean;
}

/** What each platform asks for, named as the API’s fields (the connect and the change forms). */
export const FIELDS: Record<Platform, FieldSpec[]> = {
  shopify: [
    { name: 'baseUrl', label: 'Shop domain', placeholder: 'johns-apparel.myshopify.com', secret: false },
    { name: 'accessToken', label: 'Admin API access token', placeholder: 'shpat_…', secret: true },
    {
      name: 'webhookSecret',
      label: 'API secret key (signs webhooks)',
      placeholder: 'the app’s API secret',
      secret: true,
    },
  ],
  woocommerce: [
    { name: 'baseUrl', label: 'Store URL', placeholder: 'https://shop.example.com', secret: false },
    { name: 'consumerKey', label: 'Consumer key', placeholder: 'ck_…', secret: true },
    { name: 'consumerSecret', label: 'Consumer secret', placeholder: 'cs_…', secret: true },
    {
      name: 'webhookSecret',
      label: 'Webhook secret (optional: generated)',
      placeholder: 'as set in WooCommerce → Webhooks',
      secret: true,
      optional: true,
    },
  ],
};

/** What creating a connection answered, kept for the "connected" note. */
interface Created {
  connector: Connector;
  /** Only when Daogou generated it: the merchant must paste it into the platform. */
  generatedSecret?: string;
}

/** The connect form; `onCreated` refreshes the list. */
export function ConnectorForm({ onCreated }: { onCreated: () => void }): JSX.Element {
  const [platform, setPlatform] = useState<Platform>('shopify');
  const [values, setValues] = useState<Record<string, string>>({});
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [created, setCreated] = useState<Created>();

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    const body: Record<string, string> = { platform };
    for (const f of FIELDS[platform]) {
      const v = (values[f.name] ?? '').trim();
      if (v !== '') body[f.name] = v;
    }
    if (name.trim() !== '') body.name = name.trim();
    try {
      const answer = await api<{ connector: Connector; webhookSecret: string }>('/v1/connectors', {
        method: 'POST',
        body,
      });
      setCreated({
        connector: answer.connector,
        ...(body.webhookSecret === undefined ? { generatedSecret: answer.webhookSecret } : {}),
      });
      // Secrets leave the page's state as soon as they are stored.
      setValues({});
      setName('');
      onCreated();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'Unexpected error', String(e)));
    } finally {
      setBusy(false);
    }
  };

  const inputProps = (f: FieldSpec) => ({
    value: values[f.name] ?? '',
    placeholder: f.placeholder,
    required: !f.optional,
    onInput: (e: TargetedInputEvent<HTMLInputElement>) => {
      const value = e.currentTarget.value;
      setValues((v) => ({ ...v, [f.name]: value }));
    },
    'data-testid': `connector-${f.name}`,
  });

  return (
    <div class="form">
      <div class="segmented" role="tablist" aria-label="Platform">
        {(['shopify', 'woocommerce'] as const).map((p) => (
          <button
            key={p}
            type="button"
            role="tab"
            aria-selected={platform === p}
            class={platform === p ? 'active' : undefined}
            data-testid={`connector-platform-${p}`}
            onClick={() => {
              setPlatform(p);
              setValues({});
              setError(undefined);
            }}
          >
            {p === 'shopify' ? 'Shopify' : 'WooCommerce'}
          </button>
        ))}
      </div>
      <form
        class="form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div class="form-row">
          {FIELDS[platform].map((f) => (
            <label class="field" key={`${platform}-${f.name}`}>
              <span>{f.label}</span>
              {f.secret ? (
                <input type="password" autoComplete="new-password" {...inputProps(f)} />
              ) : (
                <input type="text" autoComplete="off" {...inputProps(f)} />
              )}
            </label>
          ))}
          <label class="field">
            <span>Name (optional)</span>
            <input
              value={name}
              placeholder="defaults to the store’s host name"
              onInput={(e) => setName(e.currentTarget.value)}
              data-testid="connector-name"
            />
          </label>
        </div>
        <div class="form-actions">
          <button type="submit" class="btn primary" disabled={busy} data-testid="connector-connect">
            {busy ? 'Connecting…' : 'Connect store'}
          </button>
          <span class="muted small">
            Credentials are stored on this server and shown again only by their last characters.
          </span>
        </div>
      </form>
      <ProblemBox error={error} testid="connector-form-error" />
      {created && (
        <div class="created-key" data-testid="connector-created">
          <div>
            <strong>“{created.connector.name}” connected.</strong> Send the platform’s webhooks to this address, then
            import the history below.
          </div>
          <CopyValue value={`${location.origin}${created.connector.webhookPath}`} testid="connector-created-webhook" />
          {created.generatedSecret !== undefined && (
            <>
              <div>Webhook secret, to paste into WooCommerce’s webhook settings (copy it now):</div>
              <MaskedSecret value={created.generatedSecret} testid="connector-created-secret" />
            </>
          )}
        </div>
      )}
    </div>
  );
}
