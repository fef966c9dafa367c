/** One customer: who they are, profile and scores, segments, recommendations with reasons, and the timeline. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { ProfilePanel, RecommendationsPanel, SegmentsPanel } from '../components/customer-panels.js';
import { Icon } from '../components/icons.js';
import { Timeline } from '../components/timeline.js';
import { Card, Link, Loading, PageHeader, ProblemBox } from '../components/ui.js';
import { useCurrency } from '../currency.js';
import { formatDate } from '../format.js';
import { useResource } from '../hooks.js';
import { CustomerMessages } from '../journeys/customer-messages.js';
import { rememberItems } from '../item-cache.js';
import type { Customer, CustomerInsight, Recommendations } from '../types.js';
import { trait } from './customers.js';

/** The customer page (/console/customers/<id>). */
export function CustomerPage({ id }: { id: string }): JSX.Element {
  const [version, setVersion] = useState(0);
  const currency = useCurrency();
  const path = `/v1/customers/${encodeURIComponent(id)}`;
  const customer = useResource((signal) => api<Customer>(path, { signal }), [id, version]);
  const insight = useResource((signal) => api<CustomerInsight>(`${path}/profile`, { signal }), [id, version]);
  const recs = useResource(
    async (signal) => {
      const r = await api<Recommendations>(`/v1/recommendations/customers/${encodeURIComponent(id)}`, {
        query: { k: 10 },
        signal,
      });
      rememberItems(r.items.map((x) => x.item));
      return r;
    },
    [id, version],
  );
  const c = customer.data;
  const name = c ? trait(c, 'name') : '';
  const busy = customer.loading || insight.loading || recs.loading;

  return (
    <div class="page">
      <Link to="/customers" class="back">
        <Icon name="back" size={14} /> Customers
      </Link>
      <PageHeader
        title={
          <>
            {name || id} {name && <span class="muted mono title-id">{id}</span>}
          </>
        }
        subtitle={
          c
            ? [trait(c, 'email'), trait(c, 'city'), `customer since ${formatDate(c.createdAt)}`]
                .filter(Boolean)
                .join(' · ')
            : undefined
        }
        actions={
          <button
            type="button"
            class="btn"
            onClick={() => setVersion((v) => v + 1)}
            disabled={busy}
            data-testid="customer-refresh"
          >
            <Icon name="refresh" size={14} /> {busy ? 'Loading…' : 'Refresh'}
          </button>
        }
      />
      <ProblemBox error={customer.error} />
      <div class="grid-customer">
        <div class="col">
          {insight.data ? (
            <ProfilePanel insight={insight.data} currency={currency} />
          ) : (
            <Card title="Profile" testid="customer-profile">
              <ProblemBox error={insight.error} />
              {insight.loading && <Loading />}
            </Card>
          )}
          {insight.data ? (
            <SegmentsPanel insight={insight.data} />
          ) : (
            <Card title="Segments" testid="customer-segments">
              {insight.loading ? <Loading /> : <ProblemBox error={insight.error} />}
            </Card>
          )}
          {c && Object.keys(c.traits).length > 0 && (
            <Card title="Traits">
              <dl class="facts">
                {Object.entries(c.traits).map(([k, v]) => (
                  <div class="fact" key={k}>
                    <dt>{k}</dt>
                    <dd>{typeof v === 'string' ? v : JSON.stringify(v)}</dd>
                  </div>
                ))}
              </dl>
            </Card>
          )}
        </div>
        <div class="col">
          {recs.data ? (
            <RecommendationsPanel recs={recs.data} currency={currency} />
          ) : (
            <Card title="Recommendations" testid="customer-recommendations">
              {recs.loading ? <Loading /> : <ProblemBox error={recs.error} />}
            </Card>
          )}
          <CustomerMessages customerId={id} version={version} />
          <Timeline customerId={id} version={version} currency={currency} />
        </div>
      </div>
    </div>
  );
}
