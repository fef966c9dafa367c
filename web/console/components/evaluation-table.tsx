/** The offline evaluation table: one row per model, the best figure of each column marked. */
import type { JSX } from 'preact';
import { formatSeconds } from '../format.js';
import type { ModelStatus } from '../types.js';

type Row = NonNullable<ModelStatus['evaluation']>['rows'][number];
type Metric = Exclude<keyof Row, 'model' | 'fitSeconds'>;

const COLUMNS: [Metric, string, string][] = [
  ['hr', 'HR', 'hit rate: share of customers whose held-out item is in the list'],
  ['ndcg', 'NDCG', 'normalised discounted cumulative gain: hits near the top count more'],
  ['precision', 'Precision', 'relevant items per recommended item'],
  ['recall', 'Recall', 'share of held-out items recommended'],
  ['mrr', 'MRR', 'mean reciprocal rank of the first hit'],
  ['map', 'MAP', 'mean average precision'],
  ['coverage', 'Coverage', 'share of the catalogue recommended to anyone'],
];

/** The table; `k` labels the cut-off (metrics are @k). */
export function EvaluationTable({ evaluation }: { evaluation: ModelStatus['evaluation'] }): JSX.Element {
  const rows = evaluation?.rows ?? [];
  const k = evaluation?.k ?? 10;
  const best = new Map<Metric, number>(COLUMNS.map(([m]) => [m, Math.max(...rows.map((r) => r[m]))]));
  return (
    <div class="table-scroll">
      <table class="table" data-testid="evaluation-table">
        <thead>
          <tr>
            <th>Model</th>
            {COLUMNS.map(([m, label, title]) => (
              <th key={m} class="num" title={title}>
                {label}
                {m !== 'coverage' && <small>@{k}</small>}
              </th>
            ))}
            <th class="num">Fit</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={r.model}
              class={r.model === 'default' ? 'highlight' : undefined}
              data-testid="evaluation-row"
              data-model={r.model}
            >
              <td>
                <strong>{r.model}</strong>
                {r.model === 'default' && <span class="muted small"> (served blend)</span>}
              </td>
              {COLUMNS.map(([m]) => (
                <td
                  key={m}
                  class={r[m] === best.get(m) && rows.length > 1 ? 'num best' : 'num'}
                  data-metric={m}
                  data-value={r[m]}
                >
                  {r[m].toFixed(4)}
                </td>
              ))}
              <td class="num">{formatSeconds(r.fitSeconds)}</td>
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={COLUMNS.length + 2} class="empty-cell">
                No evaluation yet. Run one to compare every model on this store’s own history.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
