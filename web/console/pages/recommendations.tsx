/** Recommendations: the serving model and its blend, training, the offline evaluation table, and attribution. */
import type { JSX } from 'preact';
import { api } from '../api.js';
import { EvaluationTable } from '../components/evaluation-table.js';
import { JobStatus } from '../components/job-status.js';
import { Card, Empty, Facts, Loading, PageHeader, ProblemBox } from '../components/ui.js';
import { useCurrency } from '../currency.js';
import {
  formatAgo,
  formatBytes,
  formatDateTime,
  formatInt,
  formatMoney,
  formatNum,
  formatPercent,
  formatSeconds,
} from '../format.js';
import { jobFinished, useJob, useResource } from '../hooks.js';
import type { Attribution, Job, ModelStatus } from '../types.js';

function ModelCard({ status }: { status: ModelStatus }): JSX.Element {
  const m = status.model;
  if (!m) return <Empty>No model trained yet: lists fall back to what is popular. Train one to personalise.</Empty>;
  const total = m.components.reduce((s, c) => s + Math.abs(c.weight), 0) || 1;
  return (
    <div class="model-grid">
      <Facts
        rows={[
          ['Model', <span class="mono">{m.id}</span>, 'model-id'],
          ['Trained', `${formatAgo(m.trainedAt)} (${formatDateTime(m.trainedAt)})`, 'model-trained'],
          ['Training time', formatSeconds(m.trainingSeconds)],
          ['Customers', formatInt(m.customers)],
          ['Items', formatInt(m.items)],
          ['Interactions', formatInt(m.interactions)],
          ['Validation NDCG@10', formatNum(m.validationNdcg, 4)],
          ['Validated on', validationText(m.validation), 'model-validation'],
          ...(m.validation?.tuning?.length
            ? [
                ['Chosen settings', m.validation.tuning.map((t) => `${t.component}: ${t.chosen}`).join('; ')] as [
                  string,
                  string,
                ],
              ]
            : []),
          ['Size', formatBytes(m.bytes)],
        ]}
      />
      {m.components.length > 0 && (
        <div class="bars">
          <h3>Blend weights</h3>
          {m.components.map((c, i) => (
            <div class="bar-row" key={i}>
              <span class="bar-label">{c.name}</span>
              <span class="bar-track">
                <span class="bar-fill" style={{ width: `${(Math.abs(c.weight) / total) * 100}%` }} />
              </span>
              <span class="bar-value">{formatNum(c.weight, 2)}</span>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

const PROTOCOL_NAMES = {
  last: "each customer's last event",
  basket: "each customer's newest basket",
  random: "a random 20% of each customer's events",
  none: 'nothing (default weights)',
};

/** The hold-out the blend was chosen on and why. */
function validationText(v: NonNullable<ModelStatus['model']>['validation']): string {
  if (!v) return '—';
  return `${PROTOCOL_NAMES[v.protocol]}: ${v.reason}`;
}

/** The recommendations page (/console/recommendations). */
export function RecommendationsPage(): JSX.Element {
  const currency = useCurrency();
  const status = useResource((signal) => api<ModelStatus>('/v1/recommendations/models', { signal }), []);
  const attribution = useResource(
    (signal) => api<Attribution>('/v1/recommendations/attribution', { query: { days: 30 }, signal }),
    [],
  );
  const train = useJob(() => status.reload());
  const evaluate = useJob(() => status.reload());
  const training = train.job !== undefined && !jobFinished(train.job);
  const evaluating = evaluate.job !== undefined && !jobFinished(evaluate.job);
  const s = status.data;
  const ev = s?.evaluation ?? null;

  return (
    <div class="page">
      <PageHeader title="Recommendations" subtitle="The model behind for-you, similar and bought-together lists" />
      <ProblemBox error={status.error} />
      <div class="col">
        <Card
          title="Serving model"
          testid="model-status"
          actions={
            <button
              type="button"
              class="btn primary small"
              disabled={training}
              onClick={() =>
                void api<Job>('/v1/recommendations/train', { method: 'POST' }).then(train.start, train.fail)
              }
              data-testid="train-button"
            >
              {training ? 'Training…' : 'Train now'}
            </button>
          }
        >
          <ProblemBox error={train.error} />
          {train.job && <JobStatus job={train.job} testid="train-progress" />}
          {s ? <ModelCard status={s} /> : status.loading && <Loading />}
        </Card>
        <Card
          title="Offline evaluation"
          subtitle={
            ev
              ? `${ev.protocol}, ${formatInt(ev.users)} customers, ${formatInt(ev.items)} items · ${formatAgo(ev.evaluatedAt)}`
              : 'Each customer’s last interaction held out; every model ranks the whole catalogue'
          }
          actions={
            <button
              type="button"
              class="btn small"
              disabled={evaluating}
              onClick={() =>
                void api<Job>('/v1/recommendations/evaluate', { method: 'POST', body: {} }).then(
                  evaluate.start,
                  evaluate.fail,
                )
              }
              data-testid="evaluate-button"
            >
              {evaluating ? 'Evaluating…' : 'Run evaluation'}
            </button>
          }
          flush
        >
          <ProblemBox error={evaluate.error} />
          {evaluate.job && (
            <div class="pad">
              <JobStatus job={evaluate.job} testid="evaluate-progress" />
            </div>
          )}
          {s || !status.loading ? <EvaluationTable evaluation={ev} /> : <Loading />}
        </Card>
      </div>
      <Card
        title="Attribution"
        subtitle="Last 30 days: lists served, and the clicks and purchases that carried their id"
        flush
      >
        <ProblemBox error={attribution.error} />
        {attribution.loading && !attribution.data && <Loading />}
        {attribution.data && (
          <div class="table-scroll">
            <table class="table" data-testid="attribution-table">
              <thead>
                <tr>
                  <th>Surface</th>
                  <th class="num">Served</th>
                  <th class="num">Clicks</th>
                  <th class="num">Click rate</th>
                  <th class="num">Purchases</th>
                  <th class="num">Revenue</th>
                </tr>
              </thead>
              <tbody>
                {attribution.data.surfaces.map((x) => (
                  <tr key={x.surface}>
                    <td>{x.surface}</td>
                    <td class="num">{formatInt(x.served)}</td>
                    <td class="num">{formatInt(x.clicks)}</td>
                    <td class="num">{formatPercent(x.clickRate)}</td>
                    <td class="num">{formatInt(x.purchases)}</td>
                    <td class="num">{formatMoney(x.revenue, currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {attribution.data.surfaces.length === 0 && (
              <Empty>
                No recommendation lists served yet. Send the recommendationId back on click and purchase events.
              </Empty>
            )}
          </div>
        )}
      </Card>
    </div>
  );
}
