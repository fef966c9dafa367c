/** Forecasts: demand charts with history and intervals, the inventory table by risk, and price suggestions to decide. */
import type { ChartConfiguration } from 'chart.js';
import type { JSX } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { api } from '../api.js';
import { ChartView, PALETTE, fade } from '../components/chart.js';
import { JobStatus } from '../components/job-status.js';
import { ElasticityTable } from '../components/elasticity-table.js';
import { StockAlerts } from '../components/stock-alerts.js';
import { Badge, Card, Empty, Loading, PageHeader, ProblemBox, type Tone } from '../components/ui.js';
import { formatInt, formatNum, formatPercent } from '../format.js';
import { useJob, useResource } from '../hooks.js';
import type { Job } from '../types.js';

interface Interval {
  level: number;
  lower: number[];
  upper: number[];
}
interface Inventory {
  risk: 'stockout' | 'reorder' | 'ok' | 'overstock';
  stock: number;
  reorderPoint: number;
  safetyStock: number;
  daysOfCover: number | null;
  stockoutRisk: number;
  suggestedOrder: number;
}
interface Series {
  key: string;
  label: string;
  body: {
    history: { periods: string[]; values: number[] };
    forecast: { periods: string[]; mean: number[]; intervals: Interval[] };
    components: { model: string; weight: number }[];
    inventory?: Inventory;
  };
}
interface Suggestion {
  id: string;
  itemId: string;
  currentPrice: number;
  suggestedPrice: number;
  explanation: {
    title: string;
    explanation: string;
    elasticity: { value: number; low: number; high: number };
    current: { profit: number };
    suggested: { profit: number };
    markdown?: { steps: { price: number }[] };
  };
}

const RISK_TONE: Record<Inventory['risk'], Tone> = { stockout: 'bad', reorder: 'warn', ok: 'good', overstock: 'info' };

/** History, forecast and bands of one series as a line chart. */
function chartOf(series: Series): ChartConfiguration<'line'> {
  const { history, forecast } = series.body;
  const labels = [...history.periods, ...forecast.periods];
  const pad = (values: number[]) => [...history.periods.map(() => null), ...values];
  const widest = forecast.intervals[forecast.intervals.length - 1];
  const last = history.values[history.values.length - 1] ?? null;
  return {
    type: 'line',
    data: {
      labels,
      datasets: [
        {
          label: 'Sold',
          data: [...history.values, ...forecast.periods.map(() => null)],
          borderColor: PALETTE[5],
          pointRadius: 0,
        },
        ...(widest
          ? [
              { label: `${widest.level}% low`, data: pad(widest.lower), borderWidth: 0, pointRadius: 0 },
              {
                label: `${widest.level}% interval`,
                data: pad(widest.upper),
                borderWidth: 0,
                pointRadius: 0,
                fill: '-1',
                backgroundColor: fade(PALETTE[0]!, 0.15),
              },
            ]
          : []),
        {
          label: 'Forecast',
          data: [...history.periods.slice(0, -1).map(() => null), last, ...forecast.mean],
          borderColor: PALETTE[0],
          borderDash: [5, 3],
          pointRadius: 0,
        },
      ],
    },
    options: {
      plugins: { legend: { labels: { filter: (item) => !item.text.endsWith('low') } } },
      scales: { y: { beginAtZero: true } },
    },
  };
}

/** The forecasting page (/console/forecasts). */
export function ForecastsPage(): JSX.Element {
  const [version, setVersion] = useState(0);
  const [selected, setSelected] = useState('store');
  const run = useJob(() => setVersion((v) => v + 1));
  const chosen = useResource(
    (signal) => api<Series>(`/v1/forecasts/${encodeURIComponent(selected)}`, { signal }),
    [selected, version],
  );
  const inventory = useResource(
    (signal) =>
      api<{ total: number; counts: Record<string, number>; series: Series[] }>('/v1/inventory', {
        signal,
        query: { limit: 100 },
      }),
    [version],
  );
  const suggestions = useResource(
    (signal) => api<{ suggestions: Suggestion[] }>('/v1/pricing/suggestions', { signal }),
    [version],
  );
  const config = useMemo(() => (chosen.data ? chartOf(chosen.data) : undefined), [chosen.data]);
  const decide = async (id: string, decision: 'accept' | 'reject') => {
    await api(`/v1/pricing/suggestions/${encodeURIComponent(id)}/${decision}`, { method: 'POST' });
    setVersion((v) => v + 1);
  };

  return (
    <div class="page">
      <PageHeader
        title="Forecasts"
        subtitle="Demand per item, category, channel and store; stock risk; suggested prices"
        actions={
          <button
            type="button"
            class="btn primary"
            data-testid="forecast-run"
            onClick={() =>
              void api<Job>('/v1/forecasts/run', { method: 'POST', body: { thenPricing: true } }).then(
                run.start,
                run.fail,
              )
            }
          >
            Forecast and price now
          </button>
        }
      />
      {run.job && <JobStatus job={run.job} />}
      <ProblemBox error={run.error} />
      <StockAlerts version={version} onSelect={setSelected} />
      <Card
        title={chosen.data ? `Demand: ${chosen.data.label}` : 'Demand'}
        subtitle="Weekly units, with the forecast and its 95% interval"
      >
        {chosen.loading && !chosen.data && <Loading />}
        {chosen.error && <Empty>No forecast yet: run one to see demand ahead.</Empty>}
        {config && <ChartView config={config} testid="forecast-chart" label={`Forecast of ${chosen.data!.label}`} />}
        {chosen.data && (
          <p class="muted" data-testid="forecast-methods">
            Methods: {chosen.data.body.components.map((c) => `${c.model} ${formatPercent(c.weight, 0)}`).join(', ')}
          </p>
        )}
      </Card>
      <Card
        title="Inventory"
        subtitle={`${formatInt(inventory.data?.total ?? 0)} items with tracked stock, most at risk first`}
        flush
      >
        <ProblemBox error={inventory.error} />
        {inventory.data && inventory.data.series.length === 0 && (
          <Empty>No item with tracked stock has a forecast yet.</Empty>
        )}
        {inventory.data && inventory.data.series.length > 0 && (
          <table class="table" data-testid="inventory-table">
            <thead>
              <tr>
                <th>Item</th>
                <th>Risk</th>
                <th class="num">Stock</th>
                <th class="num">Days of cover</th>
                <th class="num">Reorder point</th>
                <th class="num">Safety stock</th>
                <th class="num">Order now</th>
                <th class="num">Stock-out risk</th>
              </tr>
            </thead>
            <tbody>
              {inventory.data.series.map((s) => {
                const inv = s.body.inventory!;
                return (
                  <tr
                    key={s.key}
                    data-testid="inventory-row"
                    data-risk={inv.risk}
                    class="clickable"
                    onClick={() => setSelected(s.key)}
                  >
                    <td>{s.label}</td>
                    <td>
                      <Badge tone={RISK_TONE[inv.risk]}>{inv.risk}</Badge>
                    </td>
                    <td class="num">{formatInt(inv.stock)}</td>
                    <td class="num">{inv.daysOfCover === null ? '∞' : formatNum(inv.daysOfCover, 0)}</td>
                    <td class="num">{formatNum(inv.reorderPoint, 0)}</td>
                    <td class="num">{formatNum(inv.safetyStock, 0)}</td>
                    <td class="num">{formatInt(inv.suggestedOrder)}</td>
                    <td class="num">{formatPercent(inv.stockoutRisk, 0)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </Card>
      <Card title="Price suggestions" subtitle="From each item's own price variation, shrunk toward its category" flush>
        <ProblemBox error={suggestions.error} />
        {suggestions.data && suggestions.data.suggestions.length === 0 && <Empty>No pending price suggestions.</Empty>}
        {suggestions.data && suggestions.data.suggestions.length > 0 && (
          <table class="table" data-testid="price-suggestions">
            <thead>
              <tr>
                <th>Item</th>
                <th class="num">Price</th>
                <th class="num">Elasticity</th>
                <th class="num">Profit / week</th>
                <th>Why</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {suggestions.data.suggestions.map((s) => (
                <tr key={s.id} data-testid="suggestion-row">
                  <td>
                    {s.explanation.title} {s.explanation.markdown && <Badge tone="info">markdown</Badge>}
                  </td>
                  <td class="num">
                    {formatNum(s.currentPrice)} → {formatNum(s.suggestedPrice)}
                  </td>
                  <td class="num">
                    {formatNum(s.explanation.elasticity.value)} [{formatNum(s.explanation.elasticity.low)},{' '}
                    {formatNum(s.explanation.elasticity.high)}]
                  </td>
                  <td class="num">
                    {formatNum(s.explanation.current.profit, 0)} → {formatNum(s.explanation.suggested.profit, 0)}
                  </td>
                  <td class="muted">{s.explanation.explanation}</td>
                  <td>
                    <button
                      type="button"
                      class="btn small"
                      data-testid="suggestion-accept"
                      onClick={() => void decide(s.id, 'accept')}
                    >
                      Accept
                    </button>{' '}
                    <button
                      type="button"
                      class="btn small"
                      data-testid="suggestion-reject"
                      onClick={() => void decide(s.id, 'reject')}
                    >
                      Reject
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <ElasticityTable version={version} />
    </div>
  );
}
