/** Vision: search the catalogue by photo, near-duplicate images, and attribute suggestions to accept or reject. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { api, type ApiError } from '../api.js';
import { Badge, Card, Empty, Link, Loading, PageHeader, ProblemBox } from '../components/ui.js';
import { formatInt } from '../format.js';
import { useResource } from '../hooks.js';

interface Match {
  itemId: string;
  imageUrl: string;
  score: number;
}
interface Colour {
  key: string;
  en: string;
  zh: string;
  hex: string;
  share: number;
}
interface PhotoSearch {
  matches: Match[];
  categories: { label: string; probability: number }[];
  colours: Colour[];
  pattern: { kind: string; en: string; zh: string };
}
interface Suggestion {
  id: string;
  itemId: string;
  field: string;
  value: string;
  confidence: number;
  detail: Record<string, unknown>;
}
interface DuplicateGroup {
  maxDistance: number;
  images: { itemId: string; imageUrl: string }[];
}
interface VisionStatus {
  model: string;
  images: number;
  failed: number;
  items: number;
}

const percent = (x: number): string => `${Math.round(x * 100)}%`;

/** Upload a photo, see the items that look like it and what was read from it. */
function PhotoSearchCard(): JSX.Element {
  const [result, setResult] = useState<PhotoSearch>();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const search = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setError(undefined);
    try {
      setResult(
        await api<PhotoSearch>('/v1/vision/search', {
          method: 'POST',
          query: { k: 12 },
          body: file,
          contentType: file.type || 'application/octet-stream',
        }),
      );
    } catch (e) {
      setError(e as ApiError);
      setResult(undefined);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title="Search by photo" subtitle="Items whose photos look most like an uploaded one">
      <input
        type="file"
        accept="image/*"
        data-testid="vision-photo-input"
        onChange={(e) => void search(e.currentTarget.files?.[0])}
      />
      <ProblemBox error={error} testid="vision-search-problem" />
      {busy && <Loading label="Looking…" />}
      {result && (
        <div data-testid="vision-search-result">
          <p class="muted small">
            Looks like{' '}
            {result.categories.map((c) => (
              <Badge key={c.label}>{`${c.label} ${percent(c.probability)}`}</Badge>
            ))}{' '}
            · {result.pattern.en} {result.pattern.zh} ·{' '}
            {result.colours.map((c) => (
              <span key={c.key} class="swatch" title={`${c.en} ${c.zh} ${percent(c.share)}`}>
                <span style={{ background: c.hex, display: 'inline-block', width: '0.9em', height: '0.9em' }} /> {c.en}{' '}
                {c.zh}{' '}
              </span>
            ))}
          </p>
          {result.matches.length === 0 && <Empty>No analysed catalogue image yet.</Empty>}
          <ol class="vision-matches">
            {result.matches.map((m) => (
              <li key={m.itemId} data-testid="vision-match" data-item-id={m.itemId}>
                <Link to={`/catalogue/${encodeURIComponent(m.itemId)}`}>{m.itemId}</Link>{' '}
                <span class="muted small">similarity {m.score.toFixed(3)}</span>
              </li>
            ))}
          </ol>
        </div>
      )}
    </Card>
  );
}

/** Pending attribute suggestions with accept and reject. */
function SuggestionsCard(props: { version: number; onDecided: () => void }): JSX.Element {
  const list = useResource(
    (signal) => api<{ suggestions: Suggestion[] }>('/v1/vision/suggestions', { signal, query: { limit: 50 } }),
    [props.version],
  );
  const [error, setError] = useState<ApiError>();
  const decide = async (id: string, decision: 'accept' | 'reject') => {
    setError(undefined);
    try {
      await api(`/v1/vision/suggestions/${encodeURIComponent(id)}/${decision}`, { method: 'POST' });
      props.onDecided();
    } catch (e) {
      setError(e as ApiError);
    }
  };
  const suggestions = list.data?.suggestions ?? [];
  return (
    <Card
      title="Attribute suggestions"
      subtitle="Read from item photos; an item changes only when you accept"
      flush
      testid="vision-suggestions"
    >
      <ProblemBox error={list.error ?? error} />
      {list.loading && !list.data && <Loading />}
      {list.data && suggestions.length === 0 && <Empty>Nothing to review.</Empty>}
      <table class="table">
        <tbody>
          {suggestions.map((s) => (
            <tr key={s.id} data-testid="vision-suggestion" data-field={s.field} data-item-id={s.itemId}>
              <td>
                <Link to={`/catalogue/${encodeURIComponent(s.itemId)}`}>{s.itemId}</Link>
              </td>
              <td>{s.field}</td>
              <td>
                {s.value}
                {typeof s.detail.zh === 'string' ? ` ${s.detail.zh}` : ''}
              </td>
              <td class="num">{percent(s.confidence)}</td>
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
    </Card>
  );
}

/** Groups of items whose photos are near-identical. */
function DuplicatesCard(): JSX.Element {
  const groups = useResource((signal) => api<{ groups: DuplicateGroup[] }>('/v1/vision/duplicates', { signal }), []);
  const list = groups.data?.groups ?? [];
  return (
    <Card
      title="Near-duplicate photos"
      subtitle="Different items with (nearly) the same photo"
      flush
      testid="vision-duplicates"
    >
      <ProblemBox error={groups.error} />
      {groups.loading && !groups.data && <Loading />}
      {groups.data && list.length === 0 && <Empty>No near-duplicates.</Empty>}
      <ul>
        {list.map((g, i) => (
          <li key={i} data-testid="vision-duplicate-group">
            {g.images.map((img) => (
              <span key={img.imageUrl}>
                <Link to={`/catalogue/${encodeURIComponent(img.itemId)}`}>{img.itemId}</Link>{' '}
              </span>
            ))}
            <span class="muted small">within {g.maxDistance} bits</span>
          </li>
        ))}
      </ul>
    </Card>
  );
}

/** The vision page (/console/vision). */
export function VisionPage(): JSX.Element {
  const [version, setVersion] = useState(0);
  const status = useResource((signal) => api<VisionStatus>('/v1/vision/status', { signal }), [version]);
  return (
    <div class="page">
      <PageHeader
        title="Vision"
        subtitle={
          status.data
            ? `Model ${status.data.model}: ${formatInt(status.data.images)} images of ${formatInt(status.data.items)} items analysed, ${formatInt(status.data.failed)} unreadable`
            : 'Photos of the catalogue: search by photo, duplicates, suggested attributes'
        }
      />
      <ProblemBox error={status.error} />
      <div class="grid-segments">
        <div class="col">
          <PhotoSearchCard />
          <DuplicatesCard />
        </div>
        <div class="col">
          <SuggestionsCard version={version} onDecided={() => setVersion((v) => v + 1)} />
        </div>
      </div>
    </div>
  );
}
