/** Catalogue: search items by id or title, narrow by category path, open an item. */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Badge, Card, Empty, Link, Loading, PageHeader, ProblemBox, Thumb } from '../components/ui.js';
import { useCurrency } from '../currency.js';
import { formatInt, formatMoney } from '../format.js';
import { useDebounced } from '../hooks.js';
import { usePaged } from '../paged.js';
import { navigate, replaceQuery, useRoute } from '../router.js';
import type { Item } from '../types.js';

/** Stock as a badge: untracked, out, low or a count. */
export function StockBadge({ stock }: { stock: number | null }): JSX.Element {
  if (stock === null) return <span class="muted">untracked</span>;
  if (stock <= 0) return <Badge tone="bad">out of stock</Badge>;
  if (stock < 10) return <Badge tone="warn">{formatInt(stock)} left</Badge>;
  return <span>{formatInt(stock)}</span>;
}

/** The catalogue list (/console/catalogue). */
export function CataloguePage(): JSX.Element {
  const { query: params } = useRoute();
  const [q, setQ] = useState(() => params.get('q') ?? '');
  const [category, setCategory] = useState(() => params.get('category') ?? '');
  const currency = useCurrency();
  const query = useDebounced(q.trim());
  const cat = useDebounced(category.trim());
  // While typing, the rows shown belong to the old text: hide them until the new answer arrives.
  const pending = q.trim() !== query || category.trim() !== cat;
  useEffect(() => replaceQuery('/catalogue', { q: query, category: cat }), [query, cat]);
  const list = usePaged<Item>('/v1/items', 'items', { limit: 50, q: query, category: cat });

  return (
    <div class="page">
      <PageHeader title="Catalogue" subtitle="Items as Daogou knows them: the source of recommendations and search" />
      <Card
        flush
        title={
          <div class="filters">
            <input
              type="search"
              class="search-input"
              placeholder="Search by id or title…"
              value={q}
              onInput={(e) => setQ(e.currentTarget.value)}
              data-testid="item-search"
              aria-label="Search items"
            />
            <input
              type="search"
              class="search-input narrow"
              placeholder="Category, e.g. 女装"
              value={category}
              onInput={(e) => setCategory(e.currentTarget.value)}
              aria-label="Category path prefix"
            />
          </div>
        }
      >
        <ProblemBox error={list.error} />
        <div class="table-scroll">
          <table class="table hover">
            <thead>
              <tr>
                <th>Item</th>
                <th class="hide-sm">Category</th>
                <th class="hide-sm">Brand</th>
                <th class="num">Price</th>
                <th class="num hide-sm">Stock</th>
              </tr>
            </thead>
            <tbody>
              {(pending ? [] : list.rows).map((item) => (
                <tr
                  key={item.id}
                  class={item.active ? 'clickable' : 'clickable inactive'}
                  data-testid="item-row"
                  data-item-id={item.id}
                  onClick={(e) => {
                    if (!(e.target instanceof HTMLAnchorElement)) navigate(`/catalogue/${encodeURIComponent(item.id)}`);
                  }}
                >
                  <td>
                    <div class="item-cell">
                      <Thumb src={item.images[0]} title={item.title} />
                      <div>
                        <Link to={`/catalogue/${encodeURIComponent(item.id)}`} class="strong">
                          {item.title}
                        </Link>
                        <div class="muted mono small">
                          {item.id}
                          {!item.active && ' · inactive'}
                        </div>
                      </div>
                    </div>
                  </td>
                  <td class="hide-sm">{item.category ?? <span class="muted">—</span>}</td>
                  <td class="hide-sm">{item.brand ?? <span class="muted">—</span>}</td>
                  <td class="num">{formatMoney(item.price, item.currency ?? currency)}</td>
                  <td class="num hide-sm">
                    <StockBadge stock={item.stock} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {(list.loading || pending) && <Loading />}
        {!list.loading && !pending && list.rows.length === 0 && !list.error && (
          <Empty>{query || cat ? 'No item matches.' : 'The catalogue is empty: import items to begin.'}</Empty>
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
