/** Segments: saved rule-based segments with their sizes, an editor with preview, members and analytics. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { AnalyticsCard } from '../components/analytics-card.js';
import { SegmentEditor } from '../components/segment-editor.js';
import { SegmentMembers } from '../components/segment-members.js';
import { Card, Empty, Loading, PageHeader, ProblemBox } from '../components/ui.js';
import { formatAgo, formatInt } from '../format.js';
import { useResource } from '../hooks.js';
import { navigate, useRoute } from '../router.js';
import type { Segment } from '../types.js';

/** The segments page (/console/segments, `?id=` selects a saved segment). */
export function SegmentsPage(): JSX.Element {
  const { query } = useRoute();
  const selectedId = query.get('id') ?? undefined;
  const [version, setVersion] = useState(0);
  const list = useResource((signal) => api<{ segments: Segment[] }>('/v1/segments', { signal }), [version]);
  const segments = list.data?.segments ?? [];
  const selected = segments.find((s) => s.id === selectedId);
  const select = (id: string | undefined) =>
    navigate(id === undefined ? '/segments' : `/segments?id=${encodeURIComponent(id)}`, true);

  return (
    <div class="page">
      <PageHeader
        title="Segments"
        subtitle="Groups of customers defined by a rule, kept up to date as behaviour arrives"
        actions={
          selectedId !== undefined && (
            <button type="button" class="btn primary" onClick={() => select(undefined)} data-testid="segment-new">
              New segment
            </button>
          )
        }
      />
      <div class="grid-segments">
        <div class="col">
          <SegmentEditor
            segment={selected}
            onSaved={(s) => {
              setVersion((v) => v + 1);
              select(s.id);
            }}
            onDeleted={() => {
              setVersion((v) => v + 1);
              select(undefined);
            }}
          />
          {selected && <SegmentMembers segment={selected} version={version} />}
        </div>
        <div class="col">
          <Card title="Saved segments" subtitle={`${formatInt(segments.length)} segments`} flush>
            <ProblemBox error={list.error} />
            {list.loading && !list.data && <Loading />}
            {list.data && segments.length === 0 && <Empty>No segments yet: write a rule and save it.</Empty>}
            <ul class="segment-list">
              {segments.map((s) => (
                <li key={s.id}>
                  <button
                    type="button"
                    class={s.id === selectedId ? 'segment-row active' : 'segment-row'}
                    onClick={() => select(s.id)}
                    data-testid="segment-row"
                    data-segment-id={s.id}
                  >
                    <span class="segment-name">{s.name}</span>
                    <span class="segment-size" data-value={s.size}>
                      {formatInt(s.size)}
                    </span>
                    <code class="segment-rule-text">{s.rule}</code>
                    <span class="muted small">updated {formatAgo(s.updatedAt)}</span>
                  </button>
                </li>
              ))}
            </ul>
          </Card>
          <AnalyticsCard onRun={() => setVersion((v) => v + 1)} />
        </div>
      </div>
    </div>
  );
}
