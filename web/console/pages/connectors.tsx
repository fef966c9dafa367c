/** Connectors: connect a Shopify or WooCommerce store, import its history and follow it; Segment / RudderStack set-up. */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api } from '../api.js';
import { ConnectorForm } from '../components/connector-form.js';
import { ConnectorStatus } from '../components/connector-status.js';
import { SegmentSource } from '../components/segment-source.js';
import { Card, Empty, Loading, PageHeader, ProblemBox } from '../components/ui.js';
import { useResource } from '../hooks.js';
import type { Connector } from '../types.js';

/** How often the list is asked again while an import is queued or running. */
const POLL_MS = 700;

/** The connectors page (/console/connectors). */
export function ConnectorsPage(): JSX.Element {
  const list = useResource((signal) => api<{ connectors: Connector[] }>('/v1/connectors', { signal }), []);
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<ApiError>();
  const connectors = list.data?.connectors ?? [];
  const importing = connectors.some((c) => c.sync.state === 'queued' || c.sync.state === 'running');

  useEffect(() => {
    if (!importing || list.loading) return;
    const timer = setTimeout(list.reload, POLL_MS);
    return () => clearTimeout(timer);
  }, [list.data, list.loading, importing]);

  const act = async (id: string, work: () => Promise<unknown>) => {
    setBusy(id);
    setError(undefined);
    try {
      await work();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'Unexpected error', String(e)));
    } finally {
      setBusy(undefined);
      list.reload();
    }
  };
  const sync = (c: Connector) =>
    act(c.id, () => api(`/v1/connectors/${encodeURIComponent(c.id)}/sync`, { method: 'POST' }));
  const remove = (c: Connector) => {
    if (!confirm(`Disconnect “${c.name}”? What was imported stays; its webhooks will be refused.`)) return;
    void act(c.id, () => api(`/v1/connectors/${encodeURIComponent(c.id)}`, { method: 'DELETE' }));
  };

  return (
    <div class="page">
      <PageHeader
        title="Connectors"
        subtitle="Bring in a Shopify or WooCommerce store’s history and keep it in sync through its webhooks"
      />
      <div class="grid-2 wide-left">
        <Card title="Connect a store">
          <ConnectorForm onCreated={list.reload} />
        </Card>
        <Card title="Segment / RudderStack">
          <SegmentSource />
        </Card>
      </div>
      <ProblemBox error={error ?? list.error} testid="connectors-error" />
      {list.loading && !list.data && <Loading />}
      {list.data && connectors.length === 0 && (
        <Card>
          <Empty>No store connected yet.</Empty>
        </Card>
      )}
      {connectors.map((c) => (
        <ConnectorStatus
          key={c.id}
          connector={c}
          busy={busy !== undefined}
          onSync={() => void sync(c)}
          onRemove={() => remove(c)}
          onChanged={list.reload}
        />
      ))}
    </div>
  );
}
