/** Customers: search by id, name or email, listed in id order a page at a time; each row opens the customer. */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Card, Empty, Link, Loading, PageHeader, ProblemBox } from '../components/ui.js';
import { formatAgo, formatDate, formatInt } from '../format.js';
import { useDebounced } from '../hooks.js';
import { usePaged } from '../paged.js';
import { navigate, replaceQuery, useRoute } from '../router.js';
import type { Customer } from '../types.js';

type CustomerRow = Customer & { events?: number; lastSeenAt?: string | null };

/** A trait as display text (traits are free-form). */
export function trait(c: Customer, name: string): string {
  const v = c.traits[name];
  return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
}

/** The customers list (/console/customers). */
export function CustomersPage(): JSX.Element {
  const { query: params } = useRoute();
  const [q, setQ] = useState(() => params.get('q') ?? '');
  const query = useDebounced(q.trim());
  // While typing, the rows shown belong to the old text: hide them until the new answer arrives.
  const pending = q.trim() !== query;
  useEffect(() => replaceQuery('/customers', { q: query }), [query]);
  // activity=true adds each customer's event count and last event, which is what a merchant scans for.
  const list = usePaged<CustomerRow>('/v1/customers', 'customers', { limit: 50, q: query, activity: true });

  return (
    <div class="page">
      <PageHeader title="Customers" subtitle="Profiles, scores, timelines and recommendations per customer" />
      <Card
        flush
        title={
          <input
            type="search"
            class="search-input"
            placeholder="Search by id, name, email…"
            value={q}
            onInput={(e) => setQ(e.currentTarget.value)}
            data-testid="customer-search"
            aria-label="Search customers"
          />
        }
      >
        <ProblemBox error={list.error} />
        <div class="table-scroll">
          <table class="table hover">
            <thead>
              <tr>
                <th>Customer</th>
                <th class="hide-sm">Email</th>
                <th class="hide-sm">City</th>
                <th class="hide-sm">Consent</th>
                <th class="num">Events</th>
                <th class="num hide-sm">Last seen</th>
                <th class="num hide-sm">Since</th>
              </tr>
            </thead>
            <tbody>
              {(pending ? [] : list.rows).map((c) => (
                <tr
                  key={c.id}
                  class="clickable"
                  data-testid="customer-row"
                  data-customer-id={c.id}
                  onClick={(e) => {
                    if (!(e.target instanceof HTMLAnchorElement)) navigate(`/customers/${encodeURIComponent(c.id)}`);
                  }}
                >
                  <td>
                    <Link to={`/customers/${encodeURIComponent(c.id)}`} class="strong">
                      {trait(c, 'name') || c.id}
                    </Link>
                    <div class="muted mono small">{c.id}</div>
                  </td>
                  <td class="hide-sm">{trait(c, 'email') || <span class="muted">—</span>}</td>
                  <td class="hide-sm">{trait(c, 'city') || <span class="muted">—</span>}</td>
                  <td class="hide-sm">
                    {(['email', 'sms', 'push'] as const).filter((k) => c.consent[k]).join(', ') || (
                      <span class="muted">none</span>
                    )}
                  </td>
                  <td class="num">{formatInt(c.events)}</td>
                  <td class="num hide-sm">
                    {c.lastSeenAt ? formatAgo(c.lastSeenAt) : <span class="muted">never</span>}
                  </td>
                  <td class="num hide-sm">{formatDate(c.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {(list.loading || pending) && <Loading />}
        {!list.loading && !pending && list.rows.length === 0 && !list.error && (
          <Empty>{query ? `No customer matches “${query}”.` : 'No customers yet: import some or send events.'}</Empty>
        )}
        {list.hasMore && !list.loading && !pending && (
          <div class="load-more">
            <button type="button" class="btn" onClick={list.loadMore}>
              Load more
            </button>
          </div>
        )}
      </Card>
    </div>
  );
}
