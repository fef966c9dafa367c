/** Search analytics: volume, zero-result rate and click-through, top queries and queries that found nothing. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { Kpi } from '../components/kpi.js';
import { Card, Empty, Loading, PageHeader, ProblemBox } from '../components/ui.js';
import { formatInt, formatPercent } from '../format.js';
import { useResource } from '../hooks.js';
import type { QueryCount, SearchStats } from '../types.js';

/** A table of queries with a bar scaled to the largest count. */
function QueryTable(props: { rows: QueryCount[]; testid: string; zero?: boolean }): JSX.Element {
  const max = Math.max(1, ...props.rows.map((r) => r.searches));
  return (
    <div class="table-scroll">
      <table class="table" data-testid={props.testid}>
        <thead>
          <tr>
            <th class="rank">#</th>
            <th>Query</th>
            <th class="num">Searches</th>
            {!props.zero && <th class="num hide-sm">Clicked</th>}
            {!props.zero && <th class="num hide-sm">No results</th>}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r, i) => (
            <tr key={r.query} data-testid="query-row" data-query={r.query}>
              <td class="rank muted">{i + 1}</td>
              <td>
                <div class="query-cell">
                  <span class="query-text">{r.query}</span>
                  <span class="inline-bar" style={{ width: `${(r.searches / max) * 100}%` }} />
                </div>
              </td>
              <td class="num">{formatInt(r.searches)}</td>
              {!props.zero && <td class="num hide-sm">{formatPercent(r.searches ? r.clicked / r.searches : 0, 0)}</td>}
              {!props.zero && <td class="num hide-sm">{formatInt(r.zeroResults)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      {props.rows.length === 0 && (
        <Empty>{props.zero ? 'Every query found something.' : 'No searches in this period.'}</Empty>
      )}
    </div>
  );
}

/** The search analytics page (/console/search). */
export function SearchPage(): JSX.Element {
  const [days, setDays] = useState(30);
  const stats = useResource(
    (signal) => api<SearchStats>('/v1/search/stats', { query: { days, limit: 25 }, signal }),
    [days],
  );
  const s = stats.data;
  return (
    <div class="page">
      <PageHeader
        title="Search analytics"
        subtitle="What shoppers look for, and what they could not find"
        actions={
          <select value={String(days)} onChange={(e) => setDays(Number(e.currentTarget.value))} aria-label="Period">
            {[7, 30, 90].map((d) => (
              <option key={d} value={String(d)}>
                Last {d} days
              </option>
            ))}
          </select>
        }
      />
      <ProblemBox error={stats.error} />
      {!s && stats.loading && <Loading />}
      {s && (
        <div class={stats.loading ? 'stale' : undefined}>
          <div class="kpis four">
            <Kpi label="Searches" testid="search-total" value={s.searches} text={formatInt(s.searches)} />
            <Kpi
              label="Distinct queries"
              testid="search-distinct"
              value={s.distinctQueries}
              text={formatInt(s.distinctQueries)}
            />
            <Kpi
              label="Zero-result rate"
              testid="search-zero-rate"
              value={s.zeroResultRate}
              text={formatPercent(s.zeroResultRate)}
              hint="searches that returned nothing"
            />
            <Kpi
              label="Click-through"
              testid="search-ctr"
              value={s.clickThroughRate}
              text={formatPercent(s.clickThroughRate)}
              hint="searches followed by a click, cart or purchase within 30 minutes"
            />
          </div>
          <div class="grid-2">
            <Card title="Top queries" subtitle="Most searched, with the share followed by a click" flush>
              <QueryTable rows={s.topQueries} testid="top-queries" />
            </Card>
            <Card title="Zero-result queries" subtitle="Add synonyms or items for these" flush>
              <QueryTable rows={s.zeroResultQueries} testid="zero-result-queries" zero />
            </Card>
          </div>
        </div>
      )}
    </div>
  );
}
