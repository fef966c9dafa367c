/** Stock alerts: items the latest forecasting run flagged as likely to run out, or as overstocked. */
import type { JSX } from 'preact';
import { api } from '../api.js';
import { formatInt, formatNum, formatPercent } from '../format.js';
import { useResource } from '../hooks.js';
import { Link } from './ui.js';

interface Flagged {
  key: string;
  label: string;
  body: { inventory?: { stock: number; daysOfCover: number | null; stockoutRisk: number; suggestedOrder: number } };
}
interface Page {
  counts: Record<string, number>;
  series: Flagged[];
}

/** How many named items an alert lists before "and N more". */
const SHOWN = 5;

/** The flagged items, each opening its forecast (or linking to the Forecasts page), then "and N more". */
function Names(props: {
  page: Page;
  risk: string;
  detail: (f: Flagged) => string;
  onSelect: ((key: string) => void) | undefined;
}): JSX.Element {
  const more = (props.page.counts[props.risk] ?? 0) - props.page.series.length;
  return (
    <>
      {props.page.series.map((f, i) => (
        <span key={f.key}>
          {i > 0 && ', '}
          {props.onSelect ? (
            <button type="button" class="link-button" onClick={() => props.onSelect!(f.key)}>
              {f.label}
            </button>
          ) : (
            <Link to="/forecasts">{f.label}</Link>
          )}{' '}
          ({props.detail(f)})
        </span>
      ))}
      {more > 0 && ` and ${formatInt(more)} more`}
    </>
  );
}

/**
 * The alerts, naming up to five items each; nothing when nothing is flagged. `version` reloads them (after a
 * run). Each name opens the item's forecast through `onSelect` where given, else links to the Forecasts page.
 */
export function StockAlerts({
  version = 0,
  onSelect,
}: {
  version?: number;
  onSelect?: (key: string) => void;
}): JSX.Element | null {
  const load = (risk: string, signal: AbortSignal) =>
    api<Page>('/v1/inventory', { signal, query: { risk, limit: SHOWN } });
  const stockout = useResource((signal) => load('stockout', signal), [version]);
  const overstock = useResource((signal) => load('overstock', signal), [version]);
  const out = stockout.data && stockout.data.series.length > 0 ? stockout.data : undefined;
  const over = overstock.data && overstock.data.series.length > 0 ? overstock.data : undefined;
  if (!out && !over) return null;
  return (
    <div class="stock-alerts" data-testid="stock-alerts">
      {out && (
        <div class="alert alert-bad" role="alert" data-testid="stock-alert-stockout">
          <strong>
            {formatInt(out.counts.stockout ?? out.series.length)} likely to run out before a reorder could arrive:
          </strong>{' '}
          <Names
            page={out}
            risk="stockout"
            onSelect={onSelect}
            detail={(f) =>
              `${formatInt(f.body.inventory?.stock ?? 0)} left, risk ${formatPercent(f.body.inventory?.stockoutRisk ?? 0, 0)}`
            }
          />
          .
        </div>
      )}
      {over && (
        <div class="alert alert-info" role="status" data-testid="stock-alert-overstock">
          <strong>{formatInt(over.counts.overstock ?? over.series.length)} overstocked:</strong>{' '}
          <Names
            page={over}
            risk="overstock"
            onSelect={onSelect}
            detail={(f) => {
              const days = f.body.inventory?.daysOfCover;
              return days === null || days === undefined ? 'no demand expected' : `${formatNum(days, 0)} days of cover`;
            }}
          />
          . Markdown plans are among the price suggestions.
        </div>
      )}
    </div>
  );
}
