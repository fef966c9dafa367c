/** The latest pricing run's elasticity per item with its 95% interval, filtered by category, a page at a time. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { formatNum } from '../format.js';
import { useResource } from '../hooks.js';
import { Badge, Card, Empty, ProblemBox } from './ui.js';

interface Elasticity {
  itemId: string;
  title: string;
  category: string;
  elasticity: number;
  low: number;
  high: number;
  source: 'item' | 'shrunk' | 'category';
}

const PAGE = 20;
const SOURCE_LABEL = { item: 'own prices', shrunk: 'own, shrunk', category: 'category only' } as const;

/** A card listing elasticities; `version` reloads it after a run. */
export function ElasticityTable(props: { version: number }): JSX.Element {
  const [category, setCategory] = useState('');
  const [offset, setOffset] = useState(0);
  const list = useResource(
    (signal) =>
      api<{ total: number; elasticities: Elasticity[] }>('/v1/pricing/elasticities', {
        signal,
        query: { limit: PAGE, offset, ...(category ? { category } : {}) },
      }),
    [props.version, category, offset],
  );
  const total = list.data?.total ?? 0;
  return (
    <Card
      title="Price elasticities"
      subtitle="% change in units for a 1% price change, with 95% intervals"
      actions={
        <input
          type="search"
          class="search-input narrow"
          placeholder="Category"
          aria-label="Category"
          data-testid="elasticity-category"
          value={category}
          onChange={(e) => {
            setCategory((e.target as HTMLInputElement).value.trim());
            setOffset(0);
          }}
        />
      }
      flush
    >
      <ProblemBox error={list.error} />
      {list.data && total === 0 && <Empty>No elasticities yet: run pricing.</Empty>}
      {list.data && total > 0 && (
        <table class="table" data-testid="elasticity-table">
          <thead>
            <tr>
              <th>Item</th>
              <th>Category</th>
              <th class="num">Elasticity</th>
              <th class="num">95% interval</th>
              <th>From</th>
            </tr>
          </thead>
          <tbody>
            {list.data.elasticities.map((e) => (
              <tr key={e.itemId} data-testid="elasticity-row" data-item={e.itemId}>
                <td>{e.title}</td>
                <td>{e.category}</td>
                <td class="num">{formatNum(e.elasticity)}</td>
                <td class="num">
                  [{formatNum(e.low)}, {formatNum(e.high)}]
                </td>
                <td>
                  <Badge tone={e.source === 'category' ? 'neutral' : 'info'}>{SOURCE_LABEL[e.source]}</Badge>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {total > PAGE && (
        <div class="page-actions" data-testid="elasticity-pages">
          <button type="button" class="btn small" disabled={offset === 0} onClick={() => setOffset(offset - PAGE)}>
            Previous
          </button>{' '}
          {offset + 1}–{Math.min(offset + PAGE, total)} of {total}{' '}
          <button
            type="button"
            class="btn small"
            disabled={offset + PAGE >= total}
            data-testid="elasticity-next"
            onClick={() => setOffset(offset + PAGE)}
          >
            Next
          </button>
        </div>
      )}
    </Card>
  );
}
