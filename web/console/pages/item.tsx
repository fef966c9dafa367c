/** One item: its data, and what the engine shows beside it (similar items, bought together). */
import type { JSX } from 'preact';
import { api } from '../api.js';
import { Icon } from '../components/icons.js';
import { Badge, Card, Empty, Facts, Link, Loading, PageHeader, ProblemBox, Thumb } from '../components/ui.js';
import { useCurrency } from '../currency.js';
import { formatDate, formatMoney } from '../format.js';
import { useResource } from '../hooks.js';
import type { Item, Recommendations } from '../types.js';
import { StockBadge } from './catalogue.js';

function RelatedList({ title, path }: { title: string; path: string }): JSX.Element {
  const currency = useCurrency();
  const recs = useResource((signal) => api<Recommendations>(path, { query: { k: 8 }, signal }), [path]);
  return (
    <Card title={title} flush>
      <ProblemBox error={recs.error} />
      {recs.loading && <Loading />}
      {recs.data?.items.length === 0 && <Empty>None yet.</Empty>}
      <ol class="recs">
        {recs.data?.items.map((r) => (
          <li key={r.id} class="rec">
            <Thumb src={r.item.images[0]} title={r.item.title} />
            <div class="rec-main">
              <Link to={`/catalogue/${encodeURIComponent(r.id)}`} class="rec-title">
                {r.item.title}
              </Link>
              <div class="rec-meta">
                {r.item.category ?? '—'} · {formatMoney(r.item.price, r.item.currency ?? currency)}
              </div>
            </div>
            <span class="rec-score">{r.score.toFixed(3)}</span>
          </li>
        ))}
      </ol>
    </Card>
  );
}

interface ReviewSide {
  reviews: number;
  quotes: string[];
}
interface ReviewSummary {
  reviews: number;
  positiveShare: number | null;
  aspects: { aspects: { aspect: string; positive: ReviewSide; negative: ReviewSide }[] };
  drop: { recentMean: number; baselineMean: number; recentReviews: number } | null;
}

/** What reviews say: share positive, the drop alert, and per aspect the counts and a quote each way. */
function ReviewsCard({ id }: { id: string }): JSX.Element {
  const s = useResource((signal) => api<ReviewSummary>(`/v1/items/${id}/reviews`, { signal }), [id]);
  const d = s.data;
  return (
    <Card title="Reviews" flush>
      <ProblemBox error={s.error} />
      {s.loading && <Loading />}
      {d?.reviews === 0 && <Empty>No scored reviews yet.</Empty>}
      {d && d.reviews > 0 && (
        <div class="reviews-card" data-testid="item-reviews">
          <p>
            {d.reviews} reviews · {Math.round((d.positiveShare ?? 0) * 100)}% positive{' '}
            {d.drop && (
              <Badge tone="bad">
                sentiment drop: {Math.round(d.drop.recentMean * 100)}% vs {Math.round(d.drop.baselineMean * 100)}%
                baseline ({d.drop.recentReviews} recent)
              </Badge>
            )}
          </p>
          <table class="table">
            <thead>
              <tr>
                <th>Aspect</th>
                <th>+</th>
                <th>−</th>
                <th>Quotes</th>
              </tr>
            </thead>
            <tbody>
              {d.aspects.aspects.map((a) => (
                <tr key={a.aspect}>
                  <td>{a.aspect}</td>
                  <td>{a.positive.reviews}</td>
                  <td>{a.negative.reviews}</td>
                  <td class="muted">{[a.positive.quotes[0], a.negative.quotes[0]].filter(Boolean).join(' / ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

/** The item page (/console/catalogue/<id>). */
export function ItemPage({ id }: { id: string }): JSX.Element {
  const currency = useCurrency();
  const enc = encodeURIComponent(id);
  const item = useResource((signal) => api<Item>(`/v1/items/${enc}`, { signal }), [id]);
  const i = item.data;
  return (
    <div class="page">
      <Link to="/catalogue" class="back">
        <Icon name="back" size={14} /> Catalogue
      </Link>
      <PageHeader title={i?.title ?? id} subtitle={i ? `${i.id}${i.brand ? ` · ${i.brand}` : ''}` : undefined} />
      <ProblemBox error={item.error} />
      {item.loading && !i && <Loading />}
      {i && (
        <div class="grid-customer">
          <div class="col">
            <Card title="Item">
              <div class="item-hero">
                <Thumb src={i.images[0]} title={i.title} size="large" />
                <div>
                  <p>{i.description ?? <span class="muted">No description.</span>}</p>
                  <div class="chips">
                    {i.active ? <Badge tone="good">active</Badge> : <Badge tone="bad">inactive</Badge>}
                    {i.tags.map((t) => (
                      <Badge key={t}>{t}</Badge>
                    ))}
                  </div>
                </div>
              </div>
              <Facts
                rows={[
                  ['Category', i.category ?? '—'],
                  ['Price', formatMoney(i.price, i.currency ?? currency)],
                  ['Stock', <StockBadge key="s" stock={i.stock} />],
                  ...Object.entries(i.attributes).map(([k, v]): [string, string] => [
                    k,
                    Array.isArray(v) ? v.join(', ') : String(v),
                  ]),
                  ['Added', formatDate(i.createdAt)],
                  ['Updated', formatDate(i.updatedAt)],
                ]}
              />
            </Card>
          </div>
          <div class="col">
            <RelatedList title="Similar items" path={`/v1/recommendations/items/${enc}/similar`} />
            <RelatedList title="Frequently bought together" path={`/v1/recommendations/items/${enc}/bought-together`} />
            <ReviewsCard id={enc} />
          </div>
        </div>
      )}
    </div>
  );
}
