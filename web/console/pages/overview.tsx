/** Overview: the period's KPIs against the period before, a metric over time, channels and the event mix. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { Kpi } from '../components/kpi.js';
import { StockAlerts } from '../components/stock-alerts.js';
import {
  ChannelChart,
  EventTypeChart,
  METRIC_LABELS,
  TimeSeriesChart,
  type SeriesMetric,
} from '../components/overview-charts.js';
import { Card, Empty, Loading, PageHeader, ProblemBox } from '../components/ui.js';
import { useCurrency } from '../currency.js';
import { formatInt, formatMoney, formatPercent } from '../format.js';
import { useResource } from '../hooks.js';
import type { Overview, OverviewTotals, StoreStats } from '../types.js';

const PERIODS = [7, 30, 90] as const;
const DAY = 86_400_000;

/** Asks for whole local days ending today, bucketed at local midnight. */
function loadOverview(days: number, signal: AbortSignal): Promise<Overview> {
  const now = new Date();
  const midnight = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  return api<Overview>('/v1/stats/overview', {
    query: {
      from: new Date(midnight - (days - 1) * DAY).toISOString(),
      to: now.toISOString(),
      interval: 'day',
      offsetMinutes: -now.getTimezoneOffset(),
    },
    signal,
  });
}

function KpiRow({ t, p, currency }: { t: OverviewTotals; p: OverviewTotals; currency: string }): JSX.Element {
  return (
    <div class="kpis">
      <Kpi
        label="Events"
        testid="kpi-events"
        value={t.events}
        text={formatInt(t.events)}
        previous={p.events}
        previousText={formatInt(p.events)}
      />
      <Kpi
        label="Active customers"
        hint="distinct customers and anonymous visitors with an event in the period"
        testid="kpi-customers"
        value={t.activeCustomers}
        text={formatInt(t.activeCustomers)}
        previous={p.activeCustomers}
        previousText={formatInt(p.activeCustomers)}
      />
      <Kpi
        label="Orders"
        testid="kpi-orders"
        value={t.orders}
        text={formatInt(t.orders)}
        previous={p.orders}
        previousText={formatInt(p.orders)}
      />
      <Kpi
        label="Revenue"
        testid="kpi-revenue"
        value={t.revenue}
        text={formatMoney(t.revenue, currency)}
        previous={p.revenue}
        previousText={formatMoney(p.revenue, currency, 0)}
      />
      <Kpi
        label="Conversion"
        hint="sessions with a purchase ÷ sessions"
        testid="kpi-conversion"
        value={t.conversion}
        text={formatPercent(t.conversion, 2)}
        previous={p.conversion}
        previousText={formatPercent(p.conversion, 2)}
      />
    </div>
  );
}

/** The overview page (/console/ and /console/overview). */
export function OverviewPage(): JSX.Element {
  const [days, setDays] = useState<number>(30);
  const [metric, setMetric] = useState<SeriesMetric>('revenue');
  const currency = useCurrency();
  const overview = useResource((signal) => loadOverview(days, signal), [days]);
  const stats = useResource((signal) => api<StoreStats>('/v1/stats', { signal }), []);
  const o = overview.data;

  return (
    <div class="page">
      <PageHeader
        title="Overview"
        subtitle={
          stats.data
            ? `${formatInt(stats.data.items)} items · ${formatInt(stats.data.customers)} customers · ${formatInt(stats.data.events.total)} events in the log`
            : 'How the store is doing'
        }
        actions={
          <label class="select-wrap">
            <span class="sr-only">Period</span>
            <select
              value={String(days)}
              onChange={(e) => setDays(Number(e.currentTarget.value))}
              data-testid="period-select"
            >
              {PERIODS.map((d) => (
                <option key={d} value={String(d)}>
                  Last {d} days
                </option>
              ))}
            </select>
          </label>
        }
      />
      <ProblemBox error={overview.error} />
      <StockAlerts />
      {!o && overview.loading && <Loading />}
      {o && (
        <div class={overview.loading ? 'stale' : undefined}>
          <KpiRow t={o.totals} p={o.previous.totals} currency={currency} />
          <div class="grid-main">
            <Card
              title={`${METRIC_LABELS[metric]} per day`}
              subtitle={`New customers in the period: ${formatInt(o.totals.newCustomers)} · average order ${formatMoney(o.totals.orders ? o.totals.revenue / o.totals.orders : 0, currency)}`}
              actions={
                <div class="segmented" role="tablist">
                  {(Object.keys(METRIC_LABELS) as SeriesMetric[]).map((m) => (
                    <button
                      key={m}
                      type="button"
                      role="tab"
                      aria-selected={m === metric}
                      class={m === metric ? 'active' : ''}
                      onClick={() => setMetric(m)}
                    >
                      {METRIC_LABELS[m]}
                    </button>
                  ))}
                </div>
              }
            >
              <TimeSeriesChart overview={o} metric={metric} currency={currency} />
            </Card>
            <Card title="By channel" subtitle="Share of revenue">
              {/* The chart stays (empty) so the page keeps its shape; the note says why it is blank. */}
              <ChannelChart overview={o} currency={currency} />
              {o.channels.length === 0 && <Empty>No events in this period.</Empty>}
              <table class="table compact">
                <thead>
                  <tr>
                    <th>Channel</th>
                    <th class="num">Events</th>
                    <th class="num">Orders</th>
                    <th class="num">Revenue</th>
                  </tr>
                </thead>
                <tbody>
                  {o.channels.map((c) => (
                    <tr key={c.channel}>
                      <td>{c.channel}</td>
                      <td class="num">{formatInt(c.events)}</td>
                      <td class="num">{formatInt(c.orders)}</td>
                      <td class="num">{formatMoney(c.revenue, currency, 0)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Card>
          </div>
          <Card title="Events by type" subtitle="What shoppers did in the period">
            {o.eventTypes.length === 0 ? <Empty>No events in this period.</Empty> : <EventTypeChart overview={o} />}
          </Card>
        </div>
      )}
    </div>
  );
}
