/** Experiments: the list, create and stop, a read-out with interval charts and SRM warnings, and attribution. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { api, type ApiError } from '../api.js';
import { ChartView, PALETTE } from '../components/chart.js';
import { Badge, Card, Empty, Loading, PageHeader, ProblemBox } from '../components/ui.js';
import { formatInt } from '../format.js';
import { useJob, useResource } from '../hooks.js';
import { navigate, useRoute } from '../router.js';
import type { Job } from '../types.js';

interface Experiment {
  id: string;
  name: string;
  surface: string;
  kind: string;
  status: string;
  variants: { name: string; weight: number }[];
  metrics: { name: string; type: string }[];
}

interface Effect {
  estimate: number;
  ci: [number, number];
  pValue: number;
}

interface Results {
  computedAt: string;
  exposures: number;
  results: {
    exposures: Record<string, number>;
    analysis: {
      srm: { chiSquare: number; pValue: number; mismatch: boolean };
      recommendation: { decision: string; text: string };
      metrics: {
        metric: string;
        control: { variant: string; n: number; mean: number };
        variants: {
          variant: string;
          n: number;
          mean: number;
          relative: Effect;
          sequential: { ci: [number, number]; pValue: number };
          adjustedPValue: number;
          chanceToBeatControl: number;
          significant: boolean;
        }[];
      }[];
    };
    banditShares: Record<string, number> | null;
  };
}

interface Attribution {
  journeys: number;
  conversions: number;
  revenue: number;
  models: Record<string, { channel: string; conversions: number; value: number }[]>;
}

const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
const SURFACES = ['recommendations', 'search', 'journey', 'message', 'content', 'flag'];
const METRICS = ['conversion', 'click', 'add_to_cart', 'revenue', 'aov'];

function CreateForm({ onCreated }: { onCreated: () => void }): JSX.Element {
  const [name, setName] = useState('');
  const [surface, setSurface] = useState('recommendations');
  const [variants, setVariants] = useState('control, treatment');
  const [metric, setMetric] = useState('conversion');
  const [error, setError] = useState<ApiError>();
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    try {
      await api('/v1/experiments', {
        method: 'POST',
        body: {
          name,
          surface,
          variants: variants
            .split(',')
            .map((v) => v.trim())
            .filter(Boolean)
            .map((v) => ({ name: v })),
          metrics: [{ name: metric, type: metric }],
        },
      });
      setName('');
      onCreated();
    } catch (e) {
      setError(e as ApiError);
    }
  };
  return (
    <Card title="New experiment" subtitle="Starts at once; the first variant is the control">
      <form class="form-grid" onSubmit={(e) => void submit(e)} data-testid="experiment-form">
        <label>
          Name <input value={name} onInput={(e) => setName(e.currentTarget.value)} data-testid="experiment-name" />
        </label>
        <label>
          Surface
          <select value={surface} onChange={(e) => setSurface(e.currentTarget.value)} data-testid="experiment-surface">
            {SURFACES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          Variants{' '}
          <input
            value={variants}
            onInput={(e) => setVariants(e.currentTarget.value)}
            data-testid="experiment-variants"
          />
        </label>
        <label>
          Primary metric
          <select value={metric} onChange={(e) => setMetric(e.currentTarget.value)} data-testid="experiment-metric">
            {METRICS.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </label>
        <button type="submit" class="btn primary" data-testid="experiment-create">
          Create
        </button>
      </form>
      <ProblemBox error={error} testid="experiment-error" />
    </Card>
  );
}

function ResultsCard({ experiment }: { experiment: Experiment }): JSX.Element {
  const [version, setVersion] = useState(0);
  const results = useResource(
    async (signal) => {
      const r = await api<Results | Job>(`/v1/experiments/${encodeURIComponent(experiment.id)}/results`, { signal });
      return 'results' in r ? r : null;
    },
    [experiment.id, version],
  );
  const job = useJob(() => setVersion((v) => v + 1));
  const recompute = async () => {
    try {
      job.start(await api<Job>(`/v1/experiments/${encodeURIComponent(experiment.id)}/results`, { method: 'POST' }));
    } catch (e) {
      job.fail(e);
    }
  };
  const data = results.data?.results;
  const busy = job.job !== undefined && !['done', 'failed', 'cancelled'].includes(job.job.status);
  return (
    <Card
      title={`Results: ${experiment.name}`}
      subtitle={results.data ? `computed ${new Date(results.data.computedAt).toLocaleString()}` : 'not computed yet'}
      actions={
        <button
          type="button"
          class="btn"
          onClick={() => void recompute()}
          disabled={busy}
          data-testid="results-refresh"
        >
          {busy ? 'Computing…' : 'Compute now'}
        </button>
      }
      testid="experiment-results"
    >
      <ProblemBox error={results.error ?? job.error} />
      {results.loading && !results.data && <Loading />}
      {!results.loading && !data && <Empty>No read-out yet: compute it now (it also runs every 15 minutes).</Empty>}
      {data && (
        <>
          {data.analysis.srm.mismatch && (
            <div class="problem" role="alert" data-testid="srm-warning">
              Sample ratio mismatch (p = {data.analysis.srm.pValue.toExponential(2)}): the units per variant are not the
              planned split (
              {Object.entries(data.exposures)
                .map(([k, v]) => `${k} ${formatInt(v)}`)
                .join(', ')}
              ). Do not trust these results until assignment is fixed.
            </div>
          )}
          <p data-testid="recommendation" data-decision={data.analysis.recommendation.decision}>
            <strong>{data.analysis.recommendation.text}</strong>
          </p>
          {data.analysis.metrics.map((m) => (
            <div key={m.metric} class="experiment-metric">
              <h3>
                {m.metric}{' '}
                <span class="muted small">
                  control {m.control.variant}: {m.control.mean.toFixed(4)} over {formatInt(m.control.n)}
                </span>
              </h3>
              <ChartView
                label={`Relative uplift of ${m.metric} with 95% intervals`}
                height={60 + 36 * m.variants.length}
                testid={`interval-chart-${m.metric}`}
                config={{
                  type: 'bar',
                  data: {
                    labels: m.variants.map((v) => v.variant),
                    datasets: [
                      {
                        label: 'fixed-horizon 95% CI',
                        data: m.variants.map(
                          (v) => [v.relative.ci[0] * 100, v.relative.ci[1] * 100] as [number, number],
                        ),
                        backgroundColor: PALETTE[0],
                      },
                      {
                        label: 'always-valid CI',
                        data: m.variants.map(
                          (v) => [v.sequential.ci[0] * 100, v.sequential.ci[1] * 100] as [number, number],
                        ),
                        backgroundColor: PALETTE[1],
                      },
                    ],
                  },
                  options: {
                    indexAxis: 'y',
                    maintainAspectRatio: false,
                    scales: { x: { title: { display: true, text: 'uplift %' } } },
                  },
                }}
              />
              <table class="table" data-testid={`results-table-${m.metric}`}>
                <thead>
                  <tr>
                    <th>variant</th>
                    <th>units</th>
                    <th>mean</th>
                    <th>uplift</th>
                    <th>95% CI</th>
                    <th>adj. p</th>
                    <th>chance to beat</th>
                  </tr>
                </thead>
                <tbody>
                  {m.variants.map((v) => (
                    <tr
                      key={v.variant}
                      data-testid="variant-row"
                      data-variant={v.variant}
                      data-significant={String(v.significant)}
                    >
                      <td>{v.variant}</td>
                      <td>{formatInt(v.n)}</td>
                      <td>{v.mean.toFixed(4)}</td>
                      <td>{pct(v.relative.estimate)}</td>
                      <td>
                        {pct(v.relative.ci[0])} … {pct(v.relative.ci[1])}
                      </td>
                      <td>{v.adjustedPValue.toPrecision(2)}</td>
                      <td>
                        {(v.chanceToBeatControl * 100).toFixed(1)}%{' '}
                        {v.significant && <Badge tone="good">significant</Badge>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
        </>
      )}
    </Card>
  );
}

function AttributionCard(): JSX.Element {
  const [model, setModel] = useState('markov');
  const report = useResource((signal) => api<Attribution>('/v1/attribution', { query: { days: 30 }, signal }), []);
  const credits = (report.data?.models[model] ?? []).slice(0, 10);
  return (
    <Card
      title="Attribution"
      subtitle={report.data ? `${formatInt(report.data.conversions)} orders in the last 30 days` : 'last 30 days'}
      actions={
        <select value={model} onChange={(e) => setModel(e.currentTarget.value)} data-testid="attribution-model">
          {Object.keys(report.data?.models ?? { markov: [] }).map((m) => (
            <option key={m}>{m}</option>
          ))}
        </select>
      }
      testid="attribution"
    >
      <ProblemBox error={report.error} />
      {report.loading && !report.data && <Loading />}
      {report.data && credits.length === 0 && <Empty>No orders with touchpoints in the last 30 days.</Empty>}
      {credits.length > 0 && (
        <ChartView
          label={`Revenue credited per touchpoint (${model})`}
          height={60 + 26 * credits.length}
          testid="attribution-chart"
          config={{
            type: 'bar',
            data: {
              labels: credits.map((c) => c.channel),
              datasets: [{ label: 'revenue credited', data: credits.map((c) => c.value), backgroundColor: PALETTE[2] }],
            },
            options: { indexAxis: 'y', maintainAspectRatio: false },
          }}
        />
      )}
    </Card>
  );
}

/** The experiments page (/console/experiments, `?id=` selects one). */
export function ExperimentsPage(): JSX.Element {
  const { query } = useRoute();
  const selectedId = query.get('id') ?? undefined;
  const [version, setVersion] = useState(0);
  const list = useResource((signal) => api<{ experiments: Experiment[] }>('/v1/experiments', { signal }), [version]);
  const experiments = list.data?.experiments ?? [];
  const selected = experiments.find((e) => e.id === selectedId);
  const stop = async (id: string) => {
    await api(`/v1/experiments/${encodeURIComponent(id)}/stop`, { method: 'POST' });
    setVersion((v) => v + 1);
  };
  return (
    <div class="page">
      <PageHeader
        title="Experiments"
        subtitle="A/B tests and bandits on recommendations, search, journeys, messages and flags"
      />
      <div class="grid-segments">
        <div class="col">
          <Card title="Experiments" subtitle={`${formatInt(experiments.length)} experiments`} flush>
            <ProblemBox error={list.error} />
            {list.loading && !list.data && <Loading />}
            {list.data && experiments.length === 0 && <Empty>No experiments yet: create one.</Empty>}
            <table class="table">
              <tbody>
                {experiments.map((e) => (
                  <tr
                    key={e.id}
                    data-testid="experiment-row"
                    data-experiment={e.name}
                    class={e.id === selectedId ? 'active' : ''}
                  >
                    <td>
                      <a
                        href="#"
                        onClick={(ev) => (
                          ev.preventDefault(),
                          navigate(`/experiments?id=${encodeURIComponent(e.id)}`, true)
                        )}
                      >
                        {e.name}
                      </a>
                      <div class="muted small">
                        {e.surface} · {e.kind} · {e.variants.map((v) => v.name).join(' / ')}
                      </div>
                    </td>
                    <td>
                      <Badge tone={e.status === 'running' ? 'good' : 'neutral'}>{e.status}</Badge>
                    </td>
                    <td>
                      {e.status === 'running' && (
                        <button
                          type="button"
                          class="btn small"
                          onClick={() => void stop(e.id)}
                          data-testid="experiment-stop"
                        >
                          Stop
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
          <CreateForm onCreated={() => setVersion((v) => v + 1)} />
        </div>
        <div class="col">
          {selected ? (
            <ResultsCard key={selected.id} experiment={selected} />
          ) : (
            <Empty>Select an experiment to see its results.</Empty>
          )}
          <AttributionCard />
        </div>
      </div>
    </div>
  );
}
