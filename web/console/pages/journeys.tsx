/**
 * Journeys: the list (status, trigger, entered), a journey's flow with counts per step, its funnel and
 * conversions, a JSON editor (every save a new version; problems shown per field), status buttons, ready
 * journeys to start from, and the template editor with a live preview for a chosen customer.
 */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, type ApiError } from '../api.js';
import { Badge, Card, Empty, Loading, PageHeader, ProblemBox, type Tone } from '../components/ui.js';
import { formatAgo } from '../format.js';
import { useResource } from '../hooks.js';
import { describeTrigger } from '../journeys/describe.js';
import { JourneyFlow } from '../journeys/journey-flow.js';
import { JourneyFunnel } from '../journeys/journey-funnel.js';
import type { Journey, JourneyStats } from '../journeys/journey-types.js';
import { TemplateEditor } from '../journeys/template-editor.js';
import { navigate, useRoute } from '../router.js';

const STATUS_TONE: Record<string, Tone> = { active: 'good', paused: 'warn', draft: 'neutral', archived: 'bad' };
const EDITABLE = [
  'name',
  'description',
  'trigger',
  'steps',
  'exitOn',
  'reentry',
  'holdoutPercent',
  'caps',
  'quietHours',
  'consent',
  'conversion',
];

function definitionOf(j: Journey): string {
  const raw = j as unknown as Record<string, unknown>;
  return JSON.stringify(
    Object.fromEntries(EDITABLE.filter((k) => raw[k] !== undefined).map((k) => [k, raw[k]])),
    null,
    2,
  );
}

/** The editor and status controls of one journey (or a new one). */
function JourneyEditor(props: { journey?: Journey; onSaved: (j: Journey) => void }): JSX.Element {
  const [text, setText] = useState('');
  const [error, setError] = useState<ApiError>();
  const [parseError, setParseError] = useState<string>();
  const templates = useResource(
    (signal) =>
      api<{ templates: { key: string; title: string; definition: object }[] }>('/v1/journeys/templates', { signal }),
    [],
  );
  useEffect(() => {
    setText(props.journey ? definitionOf(props.journey) : '');
    setError(undefined);
  }, [props.journey?.id, props.journey?.version]);
  const save = async () => {
    setError(undefined);
    setParseError(undefined);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (e) {
      setParseError(`Not JSON: ${(e as Error).message}`);
      return;
    }
    try {
      const j = props.journey
        ? await api<Journey>(`/v1/journeys/${encodeURIComponent(props.journey.id)}`, { method: 'PUT', body })
        : await api<Journey>('/v1/journeys', { method: 'POST', body });
      props.onSaved(j);
    } catch (e) {
      setError(e as ApiError);
    }
  };
  const setStatus = async (status: string) => {
    if (!props.journey) return;
    try {
      props.onSaved(
        await api<Journey>(`/v1/journeys/${encodeURIComponent(props.journey.id)}/status`, {
          method: 'POST',
          body: { status },
        }),
      );
    } catch (e) {
      setError(e as ApiError);
    }
  };
  return (
    <Card
      title={props.journey ? `Definition · version ${props.journey.version}` : 'New journey'}
      subtitle="Saving a live journey makes a new version; customers already in it finish on theirs"
      testid="journey-editor"
      actions={
        <>
          {props.journey?.status !== 'active' && props.journey && (
            <button type="button" class="btn" onClick={() => void setStatus('active')} data-testid="journey-activate">
              Activate
            </button>
          )}
          {props.journey?.status === 'active' && (
            <button type="button" class="btn" onClick={() => void setStatus('paused')} data-testid="journey-pause">
              Pause
            </button>
          )}
          <button type="button" class="btn primary" onClick={() => void save()} data-testid="journey-save">
            Save
          </button>
        </>
      }
    >
      {!props.journey && (
        <div class="row wrap">
          <span class="muted small">Start from:</span>
          {(templates.data?.templates ?? []).map((t) => (
            <button
              type="button"
              class="btn small"
              key={t.key}
              onClick={() => setText(JSON.stringify(t.definition, null, 2))}
              data-testid="journey-template"
              data-key={t.key}
            >
              {t.title}
            </button>
          ))}
        </div>
      )}
      <textarea
        class="code-input"
        rows={18}
        spellcheck={false}
        value={text}
        placeholder='{ "name": "…", "trigger": { "event": "add_to_cart" }, "steps": [ … ] }'
        onInput={(e) => setText(e.currentTarget.value)}
        data-testid="journey-json"
      />
      {parseError && <p class="small bad">{parseError}</p>}
      <ProblemBox error={error} testid="journey-problem" />
    </Card>
  );
}

/** The journeys page (/console/journeys, `?id=` selects one, `?id=new` a new one). */
export function JourneysPage(): JSX.Element {
  const { query } = useRoute();
  const selectedId = query.get('id') ?? undefined;
  const [version, setVersion] = useState(0);
  const list = useResource((signal) => api<{ journeys: Journey[] }>('/v1/journeys', { signal }), [version]);
  const journeys = list.data?.journeys ?? [];
  const selected = journeys.find((j) => j.id === selectedId);
  const stats = useResource(
    (signal) =>
      selected
        ? api<JourneyStats>(`/v1/journeys/${encodeURIComponent(selected.id)}/stats`, { signal })
        : Promise.resolve(undefined),
    [selected?.id, version],
  );
  const select = (id: string | undefined) =>
    navigate(id === undefined ? '/journeys' : `/journeys?id=${encodeURIComponent(id)}`, true);

  return (
    <div class="page">
      <PageHeader
        title="Journeys"
        subtitle="Messages at the right moment: triggers, waits, branches and sends, with caps, quiet hours and consent"
        actions={
          <>
            <button type="button" class="btn" onClick={() => setVersion((v) => v + 1)} data-testid="journeys-refresh">
              Refresh
            </button>
            <button type="button" class="btn primary" onClick={() => select('new')} data-testid="journey-new">
              New journey
            </button>
          </>
        }
      />
      <div class="grid-segments">
        <div class="col">
          {selectedId !== undefined && (selected || selectedId === 'new') && (
            <JourneyEditor
              journey={selected}
              onSaved={(j) => {
                setVersion((v) => v + 1);
                select(j.id);
              }}
            />
          )}
          {selected && (
            <Card
              title={selected.name}
              subtitle="The flow, with how many customers reached each step"
              testid="journey-detail"
            >
              <JourneyFlow
                trigger={selected.trigger}
                steps={selected.steps}
                exitOn={selected.exitOn}
                stats={stats.data}
              />
            </Card>
          )}
          {selected && stats.data && <JourneyFunnel stats={stats.data} />}
          {selected && <ProblemBox error={stats.error} />}
          {selectedId === undefined && <TemplateEditor />}
        </div>
        <div class="col">
          <Card title="Journeys" subtitle={`${journeys.length} journeys`} flush>
            <ProblemBox error={list.error} />
            {list.loading && !list.data && <Loading />}
            {list.data && journeys.length === 0 && <Empty>No journeys yet: start one from a ready journey.</Empty>}
            <ul class="segment-list">
              {journeys.map((j) => (
                <li key={j.id}>
                  <button
                    type="button"
                    class={j.id === selectedId ? 'segment-row active' : 'segment-row'}
                    onClick={() => select(j.id)}
                    data-testid="journey-row"
                    data-journey-id={j.id}
                    data-status={j.status}
                  >
                    <span class="segment-name">{j.name}</span>
                    <Badge tone={STATUS_TONE[j.status] ?? 'neutral'}>{j.status}</Badge>
                    <span class="muted small">{describeTrigger(j.trigger)}</span>
                    <span class="muted small">
                      v{j.version} · updated {formatAgo(j.updatedAt)}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </Card>
          {selectedId !== undefined && <TemplateEditor />}
        </div>
      </div>
    </div>
  );
}
