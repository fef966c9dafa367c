/** One connected store: its synchronisation state, progress, counts, last sync, webhook address and errors. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { formatAgo, formatDateTime, formatInt } from '../format.js';
import type { Connector } from '../types.js';
import { ConnectorChange } from './connector-change.js';
import { CopyValue } from './masked-secret.js';
import { Badge, Card, ProgressBar, type Tone } from './ui.js';

const TONES: Record<Connector['sync']['state'], Tone> = {
  never: 'neutral',
  queued: 'neutral',
  running: 'info',
  done: 'good',
  failed: 'bad',
};
const PLATFORMS: Record<Connector['platform'], string> = { shopify: 'Shopify', woocommerce: 'WooCommerce' };
/** The collections each platform's import reads, in order (the counts show them even before they are read). */
const COLLECTIONS: Record<Connector['platform'], string[]> = {
  shopify: ['products', 'customers', 'orders', 'checkouts'],
  woocommerce: ['products', 'customers', 'orders'],
};

/** What the import is doing, in words. */
function stateLine(c: Connector): string {
  const s = c.sync;
  if (s.state === 'never') return 'History not imported yet';
  if (s.state === 'queued') return 'Import queued…';
  if (s.state === 'running') return s.phase ? `Importing ${s.phase}…` : 'Importing…';
  if (s.state === 'failed') return `Import failed${s.phase ? ` while reading ${s.phase}` : ''}`;
  return 'History imported';
}

/** A connected store's card; `onSync` and `onRemove` act on it. */
export function ConnectorStatus(props: {
  connector: Connector;
  busy: boolean;
  onSync: () => void;
  onRemove: () => void;
  onChanged: () => void;
}): JSX.Element {
  const c = props.connector;
  const [changing, setChanging] = useState(false);
  const s = c.sync;
  const active = s.state === 'queued' || s.state === 'running';
  const collections = COLLECTIONS[c.platform];
  // Pages come by cursor, with no total known: progress is the share of collections already read.
  const progress =
    s.state === 'done'
      ? 1
      : s.state === 'running'
        ? Math.max(0, collections.indexOf(s.phase ?? '')) / collections.length
        : null;
  return (
    <Card
      testid="connector-row"
      class="connector"
      title={
        <>
          {c.name} <Badge tone="accent">{PLATFORMS[c.platform]}</Badge>
        </>
      }
      subtitle={c.baseUrl}
      actions={
        <>
          <button
            type="button"
            class="btn small primary"
            disabled={active || props.busy}
            onClick={props.onSync}
            data-testid="connector-sync"
          >
            {active ? 'Importing…' : s.state === 'never' ? 'Import history' : 'Import again'}
          </button>
          <button
            type="button"
            class="btn small"
            disabled={active || props.busy}
            onClick={() => setChanging((v) => !v)}
            data-testid="connector-edit"
          >
            {changing ? 'Cancel' : 'Change credentials'}
          </button>
          <button
            type="button"
            class="btn small danger ghost"
            disabled={active || props.busy}
            onClick={props.onRemove}
            data-testid="connector-remove"
          >
            Remove
          </button>
        </>
      }
    >
      <div class="job" data-testid="connector-state" data-state={s.state} data-phase={s.phase ?? ''}>
        <div class="job-line">
          <Badge tone={TONES[s.state]}>{s.state}</Badge>
          <span class="job-message">{stateLine(c)}</span>
        </div>
        {(active || s.state === 'done') && <ProgressBar value={progress} testid="connector-progress" />}
      </div>
      {changing && (
        <ConnectorChange
          connector={c}
          onDone={() => {
            setChanging(false);
            props.onChanged();
          }}
        />
      )}
      <dl class="facts">
        {[...collections, 'webhooks'].map((k) => (
          <div class="fact" key={k} data-testid={`connector-count-${k}`} data-count={s.counts[k] ?? 0}>
            <dt>{k}</dt>
            <dd>{formatInt(s.counts[k] ?? 0)}</dd>
          </div>
        ))}
        <div class="fact" data-testid="connector-last-sync">
          <dt>last sync</dt>
          <dd title={formatDateTime(s.finishedAt)}>{s.finishedAt === null ? 'never' : formatAgo(s.finishedAt)}</dd>
        </div>
        <div class="fact">
          <dt>credentials</dt>
          <dd class="mono" data-testid="connector-credentials">
            {Object.entries(c.credentials)
              .map(([k, v]) => `${k} ${v}`)
              .join(', ')}
          </dd>
        </div>
      </dl>
      <div class="field">
        <span>Webhook address</span>
        <CopyValue value={`${location.origin}${c.webhookPath}`} />
      </div>
      {s.errors.length > 0 && (
        <div class="problem" role="alert" data-testid="connector-errors">
          <strong>Recent errors</strong>
          <ul>
            {s.errors.slice(0, 5).map((e, i) => (
              <li key={i} data-testid="connector-error">
                <span class="muted">{formatDateTime(e.at)}</span> {e.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </Card>
  );
}
