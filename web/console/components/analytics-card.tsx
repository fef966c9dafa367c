/** Customer analytics at a glance: the last run, customers per RFM group, clusters, and a button to run it now. */
import type { JSX } from 'preact';
import { api } from '../api.js';
import { formatAgo, formatDate, formatInt } from '../format.js';
import { useJob, useResource } from '../hooks.js';
import type { AnalyticsOverview, Job } from '../types.js';
import { JobStatus } from './job-status.js';
import { Card, Empty, Loading, ProblemBox } from './ui.js';

/** The analytics card; a finished run reloads it (and `onRun` lets the page refresh segment sizes). */
export function AnalyticsCard({ onRun }: { onRun: () => void }): JSX.Element {
  const overview = useResource((signal) => api<AnalyticsOverview>('/v1/customers/analytics', { signal }), []);
  const job = useJob(() => {
    overview.reload();
    onRun();
  });
  const o = overview.data;
  const groups = o ? Object.entries(o.rfmGroups).sort((a, b) => b[1] - a[1]) : [];
  const max = Math.max(1, ...groups.map(([, n]) => n));
  const forecast = o ? clvForecast(o.params) : null;
  const running = job.job !== undefined && !['done', 'failed', 'cancelled'].includes(job.job.status);

  return (
    <Card
      title="Customer analytics"
      subtitle={
        o?.lastRun ? `Last run ${formatAgo(o.lastRun.computedAt)} · as of ${formatDate(o.lastRun.asOf)}` : 'Not run yet'
      }
      actions={
        <button
          type="button"
          class="btn small"
          disabled={running}
          onClick={() =>
            void api<Job>('/v1/customers/analytics/run', { method: 'POST', body: {} }).then(job.start, job.fail)
          }
          data-testid="analytics-run"
        >
          {running ? 'Running…' : 'Run now'}
        </button>
      }
    >
      <ProblemBox error={overview.error ?? job.error} />
      {job.job && <JobStatus job={job.job} />}
      {overview.loading && !o && <Loading />}
      {o && groups.length === 0 && <Empty>RFM groups appear after the first run.</Empty>}
      {groups.length > 0 && (
        <div class="bars">
          <h3>Customers per RFM group ({formatInt(o?.profiles)} profiles)</h3>
          {groups.map(([group, n]) => (
            <div class="bar-row" key={group}>
              <span class="bar-label">{group}</span>
              <span class="bar-track">
                <span class="bar-fill" style={{ width: `${(n / max) * 100}%` }} />
              </span>
              <span class="bar-value">{formatInt(n)}</span>
            </div>
          ))}
        </div>
      )}
      {o && o.clusters.length > 0 && (
        <div class="bars">
          <h3>Clusters</h3>
          <ul class="plain">
            {o.clusters.map((c) => (
              <li key={c.id}>
                <strong>#{c.id}</strong> <span class="muted">({formatInt(c.size)})</span> {c.description}
              </li>
            ))}
          </ul>
        </div>
      )}
      {forecast && (
        <div class="bars" data-testid="clv-forecast">
          <h3>Lifetime value</h3>
          <ul class="plain">
            <li>
              <strong>Expected purchases:</strong> {forecast.purchases.chosen}{' '}
              <span class="muted">— {forecast.purchases.reason}</span>
            </li>
            {forecast.spend && (
              <li>
                <strong>Order value:</strong> {forecast.spend.chosen}{' '}
                <span class="muted">— {forecast.spend.reason}</span>
              </li>
            )}
          </ul>
        </div>
      )}
      {o && o.notes.length > 0 && (
        <ul class="notes">
          {o.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** A chosen forecast and why, as the analytics run records it. */
interface Forecast {
  chosen: string;
  reason: string;
}

/** The CLV forecasts of the last run, read defensively: runs recorded before forecasts were chosen lack them. */
function clvForecast(params: AnalyticsOverview['params']): { purchases: Forecast; spend: Forecast | null } | null {
  const clv = params?.clv as { forecast?: Forecast; spendForecast?: Forecast } | null | undefined;
  if (!clv?.forecast) return null;
  return { purchases: clv.forecast, spend: clv.spendForecast ?? null };
}
