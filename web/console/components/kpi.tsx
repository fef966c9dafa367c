/** A KPI card: the figure, what it is, and how it moved against the period before. */
import type { JSX } from 'preact';
import { formatChange } from '../format.js';

/** One KPI; `value` is the raw number (data-value), `text` its formatted form. */
export function Kpi(props: {
  label: string;
  value: number;
  text: string;
  previous?: number | undefined;
  previousText?: string;
  testid: string;
  hint?: string;
}): JSX.Element {
  const { previous } = props;
  let change: JSX.Element | null = null;
  if (previous !== undefined) {
    if (previous === 0) {
      change = <span class="kpi-change flat">{props.value === 0 ? 'no change' : 'new'}</span>;
    } else {
      const rel = (props.value - previous) / previous;
      const dir = Math.abs(rel) < 0.0005 ? 'flat' : rel > 0 ? 'up' : 'down';
      change = (
        <span class={`kpi-change ${dir}`} title={`previous period: ${props.previousText ?? previous}`}>
          {dir === 'up' ? '▲' : dir === 'down' ? '▼' : '•'} {formatChange(rel)}
        </span>
      );
    }
  }
  return (
    <div class="kpi">
      <div class="kpi-label" title={props.hint}>
        {props.label}
      </div>
      <div class="kpi-value" data-testid={props.testid} data-value={String(props.value)}>
        {props.text}
      </div>
      <div class="kpi-foot">
        {change}
        {previous !== undefined && <span class="kpi-prev">vs {props.previousText}</span>}
      </div>
    </div>
  );
}
