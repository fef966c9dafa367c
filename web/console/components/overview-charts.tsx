/** The overview's charts: a metric over time, the channel split and the event mix. */
import type { ChartConfiguration } from 'chart.js';
import type { JSX } from 'preact';
import { useMemo } from 'preact/hooks';
import { formatCompact, formatInt, formatMoney, humanize } from '../format.js';
import type { Overview } from '../types.js';
import { ChartView, PALETTE, fade } from './chart.js';

/** The series the time chart can show. */
export type SeriesMetric = 'revenue' | 'orders' | 'events' | 'activeCustomers';

/** Labels of the series. */
export const METRIC_LABELS: Record<SeriesMetric, string> = {
  revenue: 'Revenue',
  orders: 'Orders',
  events: 'Events',
  activeCustomers: 'Active customers',
};

/** Epoch ms from the API's ISO string or number. */
export function toMs(t: string | number): number {
  return typeof t === 'number' ? t : Date.parse(t);
}

function bucketLabel(ms: number, interval: 'day' | 'hour'): string {
  const d = new Date(ms);
  const md = `${d.getMonth() + 1}/${d.getDate()}`;
  return interval === 'hour' ? `${md} ${String(d.getHours()).padStart(2, '0')}:00` : md;
}

/** One metric per bucket as a filled line. */
export function TimeSeriesChart(props: { overview: Overview; metric: SeriesMetric; currency: string }): JSX.Element {
  const { overview, metric, currency } = props;
  const config = useMemo((): ChartConfiguration<'line'> => {
    const money = metric === 'revenue';
    const fmt = (v: number) => (money ? formatMoney(v, currency, 0) : formatInt(v));
    return {
      type: 'line',
      data: {
        labels: overview.series.map((b) => bucketLabel(toMs(b.start), overview.interval)),
        datasets: [
          {
            label: METRIC_LABELS[metric],
            data: overview.series.map((b) => b[metric]),
            borderColor: PALETTE[0],
            backgroundColor: fade(PALETTE[0]!, 0.12),
            fill: true,
            tension: 0.3,
            cubicInterpolationMode: 'monotone',
            borderWidth: 2,
            pointRadius: overview.series.length > 40 ? 0 : 2.5,
            pointHoverRadius: 4,
          },
        ],
      },
      options: {
        interaction: { mode: 'index', intersect: false },
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { label: (c) => ` ${METRIC_LABELS[metric]}: ${fmt(c.parsed.y ?? 0)}` } },
        },
        scales: {
          x: { grid: { display: false }, ticks: { maxRotation: 0, autoSkipPadding: 16 } },
          y: {
            beginAtZero: true,
            border: { display: false },
            ticks: { callback: (v) => (money ? formatMoney(Number(v), currency, 0) : formatCompact(Number(v))) },
          },
        },
      },
    };
  }, [overview, metric, currency]);
  return (
    <ChartView config={config} height={340} testid="chart-timeseries" label={`${METRIC_LABELS[metric]} over time`} />
  );
}

/** Revenue share per channel as a doughnut. */
export function ChannelChart(props: { overview: Overview; currency: string }): JSX.Element {
  const { overview, currency } = props;
  const config = useMemo((): ChartConfiguration<'doughnut'> => {
    const channels = overview.channels;
    const useRevenue = channels.some((c) => c.revenue > 0);
    return {
      type: 'doughnut',
      data: {
        labels: channels.map((c) => c.channel),
        datasets: [
          {
            label: useRevenue ? 'Revenue' : 'Events',
            data: channels.map((c) => (useRevenue ? c.revenue : c.events)),
            backgroundColor: channels.map((_, i) => PALETTE[i % PALETTE.length]!),
            borderWidth: 2,
            borderColor: '#fff',
          },
        ],
      },
      options: {
        cutout: '62%',
        plugins: {
          legend: { position: 'bottom', labels: { usePointStyle: true, boxWidth: 8, padding: 14 } },
          tooltip: {
            callbacks: {
              label: (c) => ` ${c.label}: ${useRevenue ? formatMoney(c.parsed, currency, 0) : formatInt(c.parsed)}`,
            },
          },
        },
      },
    };
  }, [overview, currency]);
  return <ChartView config={config} height={240} testid="chart-channels" label="Revenue by channel" />;
}

/** Events per type as horizontal bars (the shape of the funnel). */
export function EventTypeChart({ overview }: { overview: Overview }): JSX.Element {
  const config = useMemo((): ChartConfiguration<'bar'> => {
    const types = overview.eventTypes.slice(0, 12);
    return {
      type: 'bar',
      data: {
        labels: types.map((t) => humanize(t.type)),
        datasets: [
          {
            label: 'Events',
            data: types.map((t) => t.events),
            backgroundColor: fade(PALETTE[1]!, 0.85),
            borderRadius: 4,
            barThickness: 14,
          },
        ],
      },
      options: {
        indexAxis: 'y',
        plugins: { legend: { display: false }, tooltip: { callbacks: { label: (c) => ` ${formatInt(c.parsed.x)}` } } },
        scales: {
          x: { beginAtZero: true, border: { display: false }, ticks: { callback: (v) => formatCompact(Number(v)) } },
          y: { grid: { display: false } },
        },
      },
    };
  }, [overview]);
  return (
    <ChartView config={config} height={Math.max(180, overview.eventTypes.length * 26 + 40)} label="Events by type" />
  );
}
