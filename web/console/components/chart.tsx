/** Chart.js behind a Preact component; only the controllers the console draws are registered (bundle size). */
import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Filler,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
  type ChartConfiguration,
  type ChartType,
} from 'chart.js';
import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

Chart.register(
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  DoughnutController,
  Filler,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
);
Chart.defaults.font.family = getComputedStyle(document.documentElement).getPropertyValue('--font').trim() || undefined;
Chart.defaults.font.size = 12;
Chart.defaults.color = '#64748b';
Chart.defaults.borderColor = '#eef1f5';

/** Series colours, in order; chosen to stay distinct for the colour-blind. */
export const PALETTE = ['#2563eb', '#0d9488', '#f59e0b', '#e11d48', '#7c3aed', '#64748b', '#0891b2', '#84cc16'];

/** A colour with transparency, for area fills. */
export function fade(hex: string, alpha: number): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/** A chart that redraws when its configuration changes; `height` keeps the layout stable while loading. */
export function ChartView<T extends ChartType>(props: {
  config: ChartConfiguration<T>;
  height?: number;
  testid?: string;
  label: string;
}): JSX.Element {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart | null>(null);
  useEffect(() => {
    if (!canvas.current) return;
    // Chart.js types each chart kind apart; once built, this component treats them alike.
    const config = props.config as unknown as ChartConfiguration;
    // Recreate rather than patch: configs are small and it keeps axes and types consistent.
    chart.current?.destroy();
    chart.current = new Chart(canvas.current, {
      ...config,
      options: { responsive: true, maintainAspectRatio: false, animation: { duration: 250 }, ...config.options },
    });
  }, [props.config]);
  useEffect(() => () => chart.current?.destroy(), []);
  return (
    <div class="chart" style={{ height: `${props.height ?? 280}px` }} data-testid={props.testid}>
      <canvas ref={canvas} role="img" aria-label={props.label} />
    </div>
  );
}
