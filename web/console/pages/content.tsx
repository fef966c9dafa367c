/** Content: write copy for an item from its own facts, review each variant's grounding, edit, and decide drafts. */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { api, type ApiError } from '../api.js';
import { VariantCard, type Draft, type Variant } from '../components/content-variant.js';
import { Badge, Card, Empty, Loading, PageHeader, ProblemBox } from '../components/ui.js';
import { formatInt } from '../format.js';
import { useDebounced, useResource } from '../hooks.js';
import type { Item, Paged } from '../types.js';

const KINDS: [string, string][] = [
  ['title', 'Product title'],
  ['description', 'Description'],
  ['selling_points', 'Selling points'],
  ['seo_title', 'SEO title'],
  ['seo_description', 'SEO description'],
  ['email_subject', 'E-mail subject'],
  ['push', 'Push notification'],
  ['social', 'Social post'],
];
const TONES = ['friendly', 'premium', 'playful', 'concise'];
const LENGTHS = ['short', 'medium', 'long'];

interface Generated {
  writer: { llm: boolean; llmError: string | null };
  results: { kind: string; variants: Variant[]; candidates: number; rejected: number }[];
}

/** Search the catalogue by id or title and pick one item. */
function ItemPicker(props: { chosen: Item | undefined; onChoose: (item: Item) => void }): JSX.Element {
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim());
  const found = useResource(
    (signal) =>
      query === ''
        ? Promise.resolve<Paged<'items', Item>>({ items: [], next: null })
        : api<Paged<'items', Item>>('/v1/items', { signal, query: { q: query, limit: 8 } }),
    [query],
  );
  const items = found.data?.items ?? [];
  return (
    <div class="field">
      <label class="field">
        <span>Item</span>
        <input
          type="search"
          placeholder="Search by id or title…"
          value={q}
          onInput={(e) => setQ(e.currentTarget.value)}
          data-testid="content-item-search"
        />
      </label>
      <ProblemBox error={found.error} />
      {query !== '' && !found.loading && items.length === 0 && <Empty>No item matches.</Empty>}
      {items.length > 0 && (
        <ul class="content-picks" aria-label="Matching items">
          {items.map((item) => (
            <li key={item.id}>
              <button
                type="button"
                class={props.chosen?.id === item.id ? 'btn small primary' : 'btn small ghost'}
                aria-pressed={props.chosen?.id === item.id}
                onClick={() => props.onChoose(item)}
                data-testid="content-item-option"
                data-item-id={item.id}
              >
                {item.title} <span class="muted">({item.id})</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <p class="muted small" data-testid="content-chosen">
        {props.chosen ? `Chosen: ${props.chosen.title} (${props.chosen.id})` : 'No item chosen yet.'}
      </p>
    </div>
  );
}

/** One labelled select. */
function Select(props: {
  label: string;
  value: string;
  options: [string, string][];
  onChange: (v: string) => void;
  testid: string;
}): JSX.Element {
  return (
    <label class="field">
      <span>{props.label}</span>
      <select value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)} data-testid={props.testid}>
        {props.options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The item's saved drafts, newest first, pending ones decidable here. */
function DraftsCard(props: { itemId: string; version: number; onDecided: () => void }): JSX.Element {
  const list = useResource(
    (signal) => api<{ drafts: Draft[] }>('/v1/content/drafts', { signal, query: { itemId: props.itemId, limit: 50 } }),
    [props.itemId, props.version],
  );
  const [error, setError] = useState<ApiError>();
  const decide = async (id: string, decision: 'accept' | 'reject') => {
    setError(undefined);
    try {
      await api(`/v1/content/drafts/${encodeURIComponent(id)}/${decision}`, { method: 'POST' });
      props.onDecided();
    } catch (e) {
      setError(e as ApiError);
    }
  };
  const drafts = list.data?.drafts ?? [];
  return (
    <Card
      title="Drafts"
      subtitle="Saved copy for this item; accepting never changes the item"
      flush
      testid="content-drafts"
    >
      <ProblemBox error={list.error ?? error} />
      {list.loading && !list.data && <Loading />}
      {list.data && drafts.length === 0 && <Empty>No drafts for this item yet.</Empty>}
      <table class="table">
        <tbody>
          {drafts.map((d) => (
            <tr key={d.id} data-testid="content-draft" data-status={d.status} data-kind={d.kind}>
              <td>
                {d.kind} · {d.locale}
              </td>
              <td class="content-draft-text">{d.text}</td>
              <td>
                <Badge tone={d.status === 'accepted' ? 'good' : d.status === 'rejected' ? 'bad' : 'warn'}>
                  {d.status}
                </Badge>
              </td>
              <td>
                {d.status === 'pending' && (
                  <>
                    <button type="button" class="btn small" onClick={() => void decide(d.id, 'accept')}>
                      Accept
                    </button>{' '}
                    <button type="button" class="btn small" onClick={() => void decide(d.id, 'reject')}>
                      Reject
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}

/** The content page (/console/content). */
export function ContentPage(): JSX.Element {
  const [item, setItem] = useState<Item>();
  const [kind, setKind] = useState('description');
  const [locale, setLocale] = useState<'zh' | 'en'>('zh');
  const [tone, setTone] = useState('friendly');
  const [length, setLength] = useState('medium');
  const [variants, setVariants] = useState(3);
  const [seed, setSeed] = useState(1);
  const [result, setResult] = useState<{ itemId: string; run: number; body: Generated }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [version, setVersion] = useState(0);

  const generate = async (event: Event) => {
    event.preventDefault();
    if (!item) return;
    setBusy(true);
    setError(undefined);
    try {
      const body = await api<Generated>('/v1/content/generate', {
        method: 'POST',
        body: { itemId: item.id, kinds: [kind], locale, tone, length, variants, seed },
      });
      setResult({ itemId: item.id, run: version, body });
      setVersion((v) => v + 1);
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };
  const outcome = result?.body.results[0];

  return (
    <div class="page">
      <PageHeader
        title="Content"
        subtitle="Titles, descriptions and marketing copy written from an item's own facts; every claim checked"
      />
      <div class="grid-segments">
        <div class="col">
          <Card title="Write copy">
            <form class="form" onSubmit={(e) => void generate(e)} data-testid="content-form">
              <ItemPicker chosen={item} onChoose={setItem} />
              <div class="form-row">
                <Select label="Kind" value={kind} options={KINDS} onChange={setKind} testid="content-kind" />
                <Select
                  label="Language"
                  value={locale}
                  options={[
                    ['zh', '中文 (zh)'],
                    ['en', 'English (en)'],
                  ]}
                  onChange={(v) => setLocale(v === 'en' ? 'en' : 'zh')}
                  testid="content-locale"
                />
                <Select
                  label="Tone"
                  value={tone}
                  options={TONES.map((t) => [t, t])}
                  onChange={setTone}
                  testid="content-tone"
                />
                <Select
                  label="Length"
                  value={length}
                  options={LENGTHS.map((l) => [l, l])}
                  onChange={setLength}
                  testid="content-length"
                />
                <label class="field">
                  <span>Variants</span>
                  <input
                    type="number"
                    min={1}
                    max={10}
                    value={variants}
                    onInput={(e) => setVariants(Math.min(10, Math.max(1, Number(e.currentTarget.value) || 1)))}
                    data-testid="content-variants"
                  />
                </label>
                <div class="field">
                  <label class="field">
                    <span>Seed</span>
                    <input
                      type="number"
                      min={0}
                      value={seed}
                      onInput={(e) => setSeed(Math.max(0, Math.floor(Number(e.currentTarget.value) || 0)))}
                      aria-describedby="content-seed-help"
                      data-testid="content-seed"
                    />
                  </label>
                  <small id="content-seed-help" class="muted">
                    The same seed gives the same variants; change it for others.
                  </small>
                </div>
              </div>
              <div class="form-actions">
                <button type="submit" class="btn primary" disabled={!item || busy} data-testid="content-generate">
                  Generate
                </button>
                {busy && <Loading label="Writing…" />}
              </div>
            </form>
            <ProblemBox error={error} testid="content-problem" />
          </Card>
          {item && <DraftsCard itemId={item.id} version={version} onDecided={() => setVersion((v) => v + 1)} />}
        </div>
        <div class="col">
          <Card
            title="Variants"
            subtitle="Marked spans are facts: hover one to see what backs it; red ones are not backed"
            testid="content-result"
          >
            {!outcome && <Empty>Choose an item and generate.</Empty>}
            {outcome && (
              <>
                <p class="muted small" data-testid="content-summary">
                  {`${formatInt(outcome.variants.length)} grounded of ${formatInt(outcome.candidates)} written; ${formatInt(outcome.rejected)} refused by the check`}
                  {result.body.writer.llmError ? ` · LLM: ${result.body.writer.llmError}` : ''}
                </p>
                {outcome.variants.length === 0 && <Empty>No candidate passed the grounding check.</Empty>}
                <ol class="content-variants">
                  {outcome.variants.map((v, i) => (
                    <VariantCard
                      key={`${result.run}-${v.id}`}
                      variant={v}
                      index={i}
                      itemId={result.itemId}
                      onDecided={() => setVersion((n) => n + 1)}
                    />
                  ))}
                </ol>
              </>
            )}
          </Card>
        </div>
      </div>
    </div>
  );
}
