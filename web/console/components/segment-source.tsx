/** Segment and RudderStack: the endpoint to paste and a write key (an ingest key), shown masked with a copy button. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError, api } from '../api.js';
import { CopyValue, MaskedSecret } from './masked-secret.js';
import { ProblemBox } from './ui.js';

/** The Segment / RudderStack card's body. */
export function SegmentSource(): JSX.Element {
  const [key, setKey] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const endpoint = `${location.origin}/segment`;

  const create = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const created = await api<{ key: string }>('/v1/keys', {
        method: 'POST',
        body: { name: 'Segment / RudderStack write key', scope: 'ingest' },
      });
      setKey(created.key);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'Unexpected error', String(e)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="form">
      <p class="muted small">
        Existing pipelines send here unchanged: track, identify, page, screen, alias and batch calls, with the
        E-commerce Spec v2 event names (Product Viewed, Product Added, Order Completed…) and GA4’s (view_item,
        add_to_cart, purchase…) mapped to Daogou’s events.
      </p>
      <div class="field">
        <span>Endpoint (Segment library host, RudderStack data plane URL)</span>
        <CopyValue value={endpoint} testid="segment-endpoint" />
      </div>
      <div class="field">
        <span>Write key (an ingest key; any ingest key works)</span>
        {key ? (
          <MaskedSecret value={key} testid="segment-write-key" />
        ) : (
          <div>
            <button
              type="button"
              class="btn"
              disabled={busy}
              onClick={() => void create()}
              data-testid="segment-create-key"
            >
              {busy ? 'Creating…' : 'Create a write key'}
            </button>
          </div>
        )}
      </div>
      <ProblemBox error={error} />
    </div>
  );
}
